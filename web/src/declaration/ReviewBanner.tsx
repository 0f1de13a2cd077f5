/**
 * The latest review of a form, where its department cannot miss it: grade, opinion, reviewer and
 * time, with the comments on the whole form and how many fields carry comments. Shown on the form
 * page and at the top of the editor whenever the form was returned.
 */
import type { Comment, DeclarationView } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { openComments } from './reviewComments.ts';
import { gradeName } from './vocabulary.ts';

export function ReviewBanner({ view, comments }: { view: Pick<DeclarationView, 'lastReview' | 'state'>; comments: readonly Comment[] }) {
  const { t, time } = useLocale();
  const review = view.lastReview;
  if (!review) return null;
  const returned = review.outcome === 'returned';
  // Only the review that decided the present state: a form submitted again waits for a new one.
  if (returned && view.state !== 'returned') return null;
  if (!returned && view.state !== 'approved' && view.state !== 'published') return null;
  // This review's comments only: those of earlier rounds were answered by the resubmission.
  const open = openComments(comments, review.version);
  const onFields = new Set(open.filter((c) => c.path !== '' && c.anchored).map((c) => c.path)).size;
  const onForm = open.filter((c) => c.path === '' && !c.body.startsWith('【审核意见'));
  return (
    <section className={`review-banner ${returned ? 'returned' : 'approved'}`} role={returned ? 'alert' : 'status'} aria-label={t('审核意见', 'Review')} data-testid="review-banner">
      <div className="review-banner-head">
        <strong>
          {returned ? t('已被退回修改', 'Returned for changes') : t('已审核通过', 'Approved')} · {t('审核结果', 'grade')} {gradeName(review.grade, t)}
        </strong>
        <span className="secondary">
          {review.reviewerName} · {time(review.at)} · {t(`第 ${review.version} 版`, `version ${review.version}`)}
        </span>
      </div>
      {review.opinion && <p className="review-opinion">{review.opinion}</p>}
      {onForm.map((c) => (
        <p key={c.id} className="review-opinion secondary">
          {c.body} — {c.author.displayName}
        </p>
      ))}
      {onFields > 0 && <p className="secondary">{t(`另有 ${onFields} 处字段带有批注，已在表中标出。`, `${onFields} fields carry comments; they are marked in the form.`)}</p>}
    </section>
  );
}
