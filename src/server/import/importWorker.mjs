// A worker thread's entry: registers tsx in this thread (hooks of the main thread do not reach
// workers), then serves imports from the TypeScript module.
import { register } from 'tsx/esm/api';

register();
const { importInWorker } = await import('./importTask.ts');
export default importInWorker;
