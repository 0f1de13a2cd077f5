/**
 * What a government site prints around a published form — 来源, 发布时间, 浏览次数, 索引号, 字体大小,
 * 打印本页 … — recognised as the page's wording, so that it is accounted for without being taken for
 * the form's content. A label standing alone takes the short value on the line after it.
 */
import type { Ledger } from './ledger.ts';
import type { SourceLine } from './sourceText.ts';

const LABEL = /^[|｜]*(来源|信息来源|发布时间|发布日期|发布机构|发文机关|发文时间|浏览次数|浏览量|访问量|点击数|索引号|文号|发文日期|成文日期|主题分类|体裁分类|公开方式|有效性|字体|字号|分享到|时效性|生成日期|作者|编辑|责任编辑|阅读次数|日期|标题)[:：|｜]/;
const ALONE = /^(打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享|扫一扫在手机上查看当前页面|【打印】|【关闭】|\[打印\]|\[关闭\]|字体[:：]?\s*[【[]?\s*大\s*中\s*小\s*[】\]]?|智能问答|智能问答关闭|你还可以输入\d*|全文预览已结束|下载本文档|点击查看更多>>|收藏|举报|相关)$/;

/** A document-sharing site's frame: page thumbnails, copyright notes, upload details. */
const SHARING_SITE = /^(.{1,60}_第\d+页|第\d+页\/共\d+页|版权说明[:：].*|文档简介|资源描述|上传人[:：].{0,80}|文档编号[:：].{0,80}|收藏分销.{0,6}|下载相关举报|点击查看更多>>|已阅读\d+页.{0,20}|本文档由.{0,60})$/;

const FIRST_CHARS = new Set([...'|｜来信发浏访点索文成主体公有字分时生作编责阅日标打关返收扫【[智你全下版资上第已本相举']);

/** Claims the page furniture among the lines as labels. */
export function claimPageFurniture(lines: readonly SourceLine[], ledger: Ledger): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    const key = line.key;
    // Furniture starts with one of few characters, or is a sharing site's page thumbnail (…_第2页).
    if (key.length > 120 || (!FIRST_CHARS.has(key.charAt(0)) && !key.includes('_第'))) continue;
    const span = line.span;
    if (!span) continue;
    if (ALONE.test(key) || SHARING_SITE.test(key)) {
      ledger.label(span);
      continue;
    }
    if (!LABEL.test(key)) continue;
    // 来源: 区发改局 on one line; a label alone takes the next line (a date, a count, a short name).
    ledger.label(span);
    if (/[:：]$/.test(key)) {
      const next = lines[i + 1]?.span;
      if (next && next.text.length <= 30 && !next.text.includes('|')) {
        ledger.label(next);
        i++;
      }
    }
  }
}
