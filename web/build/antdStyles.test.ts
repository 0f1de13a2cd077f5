import { describe, expect, it } from 'vitest';
import { antdStylesheet, componentsOf, withOneBoxSizingReset } from './antdStyles.ts';

describe('componentsOf', () => {
  it('names the exported components of style folders, in PascalCase or as mapped', () => {
    expect(componentsOf(['input-number', 'button', 'grid', 'message', 'qr-code'])).toEqual(['Button', 'Col', 'InputNumber', 'QRCode', 'Row', 'message']);
  });

  it('fails on a folder with no such component, rather than ship it unstyled', () => {
    expect(() => componentsOf(['no-such-thing'])).toThrow(/no export "NoSuchThing" for antd\/es\/no-such-thing\/style/);
  });
});

describe('withOneBoxSizingReset', () => {
  it('replaces the per-component class-prefix resets with one, keeping the other selectors of the rule', () => {
    const css = '.ant-btn{color:red}.ant-form-css-var:before,.ant-form-css-var [class^=ant-form],.ant-form-css-var [class*=\\ ant-form]:after{box-sizing:border-box}.ant-tag [class^=ant-tag]{box-sizing:border-box}';
    const out = withOneBoxSizingReset(css);
    expect(out.startsWith('[class^=ant-],[class*=" ant-"],')).toBe(true);
    expect(out).toContain('.ant-btn{color:red}');
    expect(out).toContain('.ant-form-css-var:before{box-sizing:border-box}');
    expect(out).not.toContain('[class^=ant-form]');
    expect(out).not.toContain('[class^=ant-tag]');
  });
});

describe('antdStylesheet', () => {
  it('holds the styles of the components asked for, with the app theme', () => {
    const css = antdStylesheet(['Button']);
    expect(css).toContain('.ant-btn');
    expect(css).not.toContain('.ant-table');
    expect(css).toContain('--ant-color-primary:#1f5fbf');
  }, 30_000);
});
