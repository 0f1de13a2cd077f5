/** The places of the demo the API tests name, by id: found through the API as its admin sees them. */
import type { TestApp } from './testApp.ts';

/** Guangzhou, its districts Haizhu and Yuexiu, and Haizhu's finance bureau (haizhu-editor's department). */
export interface DemoPlaces {
  readonly guangzhou: string;
  readonly haizhu: string;
  readonly yuexiu: string;
  readonly bureau: string;
}

type Tree = { regions: Array<{ children: Array<{ id: string; children: Array<{ id: string; name: string }> }> }> };

/** The demo's places in a test app; fails when the demo has not got one of them. */
export async function demoPlaces(t: TestApp): Promise<DemoPlaces> {
  const admin = await t.as('admin');
  const city = (await admin.get<Tree>('/api/v1/organisations')).body.regions[0]?.children[0];
  const district = (name: string): string => {
    const found = city?.children.find((d) => d.name === name)?.id;
    if (found === undefined) throw new Error(`the demo has no ${name}`);
    return found;
  };
  const editor = await t.store.db.selectFrom('users').select('department_id').where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow();
  if (city === undefined || editor.department_id === null) throw new Error('the demo has no Guangzhou or no haizhu-editor department');
  return { guangzhou: city.id, haizhu: district('海珠区'), yuexiu: district('越秀区'), bureau: editor.department_id };
}
