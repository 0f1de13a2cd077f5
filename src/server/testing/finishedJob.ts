/** Waiting in a test for a background job to end, through the API as its user sees it. */
import type { JobView } from '../jobs/jobs.ts';
import type { ApiClient } from './apiClient.ts';

/** The job once it is done, failed or cancelled (asked for every tenth of a second, for a minute at the most). */
export async function finishedJob(client: ApiClient, id: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const { body } = await client.get<JobView>(`/api/v1/jobs/${id}`);
    if (body.state === 'done' || body.state === 'failed' || body.state === 'cancelled') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}
