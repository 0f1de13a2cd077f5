/**
 * The Ant Design theme, shared by the app (web/src/App.tsx) and the build, which turns it into a
 * static stylesheet (web/build/antdStyles.ts) so the browser does not compute styles at run time.
 */
export const ANTD_THEME = {
  token: { colorPrimary: '#1f5fbf', borderRadius: 4 },
  // Fixed names, so that the classes the app renders are the ones the stylesheet made at build time styles.
  hashed: false,
  cssVar: { key: 'css-var-jixiao' },
} as const;
