/**
 * Frequent 错别字 and dropped characters in government texts, as (wrong → right) pairs. Only
 * strings that are wrong wherever they appear are listed: a pair that is right in some context
 * (反映/反应, 截止/截至, 制定/制订) does not belong here. Extend freely; the tests check every entry.
 */

/** A confusion pair. */
export interface TypoEntry {
  /** The wrong string as it appears in text. */
  readonly wrong: string;
  /** What it should be. */
  readonly right: string;
  /** `typo`: a wrong character; `missing`: a fixed term with a character dropped. */
  readonly kind: 'typo' | 'missing';
  /** Characters that, right after the match, make it correct text (建义 is wrong, 创建义务 is not). */
  readonly unlessFollowedBy?: string;
}

const typo = (wrong: string, right: string, unlessFollowedBy?: string): TypoEntry =>
  unlessFollowedBy === undefined ? { wrong, right, kind: 'typo' } : { wrong, right, kind: 'typo', unlessFollowedBy };
const missing = (wrong: string, right: string): TypoEntry => ({ wrong, right, kind: 'missing' });

export const TYPOS: readonly TypoEntry[] = [
  // Words of government work and budgeting.
  typo('建义', '建议', '务'),
  typo('拔款', '拨款'),
  typo('预箅', '预算'),
  typo('绩郊', '绩效'),
  typo('绩校', '绩效'),
  typo('贯撤', '贯彻'),
  typo('贯切', '贯彻'),
  typo('撤底', '彻底'),
  typo('洛实', '落实'),
  typo('布署', '部署'),
  typo('部暑', '部署'),
  typo('监侧', '监测'),
  typo('运唯', '运维'),
  typo('维户', '维护'),
  typo('帮付', '帮扶', '款'),
  typo('部份', '部分'),
  typo('签定', '签订'),
  typo('帐户', '账户'),
  typo('帐号', '账号'),
  typo('记帐', '记账'),
  typo('帐目', '账目'),
  typo('既使', '即使'),
  typo('即然', '既然'),
  typo('重迭', '重叠'),
  typo('复盖', '覆盖'),
  typo('幅射', '辐射'),
  typo('竟争', '竞争'),
  typo('竟赛', '竞赛'),
  typo('松驰', '松弛'),
  typo('锻练', '锻炼'),
  typo('防碍', '妨碍'),
  typo('急燥', '急躁'),
  typo('震憾', '震撼'),
  typo('亲睐', '青睐'),
  typo('气慨', '气概'),
  typo('通辑', '通缉'),
  typo('题纲', '提纲'),
  typo('修茸', '修葺'),
  typo('渡假', '度假'),
  typo('辩别', '辨别'),
  typo('辨论', '辩论'),
  typo('好象', '好像'),
  typo('精萃', '精粹'),
  typo('克苦', '刻苦'),
  typo('侍侯', '伺候'),
  typo('手饰', '首饰'),
  typo('入场卷', '入场券'),
  typo('再接再励', '再接再厉'),
  typo('迫不急待', '迫不及待'),
  typo('一愁莫展', '一筹莫展'),
  typo('一股作气', '一鼓作气'),
  typo('直接了当', '直截了当'),
  typo('融汇贯通', '融会贯通'),
  typo('情不自尽', '情不自禁'),
  typo('谈笑风声', '谈笑风生'),
  typo('天翻地复', '天翻地覆'),
  typo('挺而走险', '铤而走险'),
  typo('无可非义', '无可非议'),
  typo('营私舞敝', '营私舞弊'),
  typo('仗义直言', '仗义执言'),
  typo('珠联壁合', '珠联璧合'),
  typo('穿流不息', '川流不息'),
  typo('莫不关心', '漠不关心'),
  typo('金榜提名', '金榜题名'),
  typo('声名雀起', '声名鹊起'),
  typo('食不裹腹', '食不果腹'),
  typo('宽洪大量', '宽宏大量'),
  typo('娇揉造作', '矫揉造作'),
  typo('以逸代劳', '以逸待劳'),
  typo('文过是非', '文过饰非'),
  typo('不径而走', '不胫而走'),
  typo('明查暗访', '明察暗访'),
  typo('出奇不意', '出其不意'),
  // Fixed terms with a character dropped.
  missing('的法服务', '的法律服务'),
  missing('和法服务', '和法律服务'),
  missing('政务服水平', '政务服务水平'),
  missing('信息公工作', '信息公开工作'),
  missing('数字政建设', '数字政府建设'),
  missing('意识形安全', '意识形态安全'),
];
