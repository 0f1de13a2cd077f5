/** Brings the element that shows a JSON Pointer's field into view, focuses and flashes it. */
export function revealPath(path: string): boolean {
  // The field itself, else its row (`/indicators/3/annualTargetValue/unit` → `/indicators/3`), else its section.
  const parts = path.split('/');
  const candidates = [path, ...[3, 2].map((n) => parts.slice(0, n).join('/'))].filter((c, i, all) => c && all.indexOf(c) === i);
  for (const candidate of candidates) {
    const element = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(candidate)}"]`);
    if (!element) continue;
    element.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const FOCUSABLE = 'input, textarea, select, button, [tabindex]';
    const focusable = element.matches(FOCUSABLE) ? element : element.querySelector<HTMLElement>(FOCUSABLE);
    focusable?.focus({ preventScroll: true });
    element.classList.remove('flash');
    void element.offsetWidth;
    element.classList.add('flash');
    return true;
  }
  return false;
}
