/**
 * A version note written in both languages — `由文本导入… (imported from text…)` — in the language
 * chosen. The English part is the last parenthesis that starts with a Latin letter, whatever it
 * names inside (a file called 部门整体.xlsx), so that neither language shows the other's words.
 */
export function noteIn(note: string, lang: 'zh' | 'en'): string {
  if (!note.endsWith(')')) return note;
  // The opening parenthesis that closes at the end, counted from the end.
  let depth = 0;
  let open = -1;
  for (let i = note.length - 1; i >= 0; i--) {
    if (note[i] === ')') depth++;
    else if (note[i] === '(' && --depth === 0) {
      open = i;
      break;
    }
  }
  const english = open > 0 ? note.slice(open + 1, -1) : '';
  const chinese = open > 0 ? note.slice(0, open).trim() : '';
  if (!/^[A-Za-z]/.test(english) || !/[\u4e00-\u9fff]/.test(chinese)) return note;
  return lang === 'zh' ? chinese : english;
}
