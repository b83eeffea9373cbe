// A small application built on omixa: render a clip from a prompt and keep the video.

import { JobFailedError } from 'omixa'

export const MODEL = 'veo-3.1-lite-generate-001'

/** The provider could not make the clip (nothing was charged for it). */
export class RenderFailed extends Error {}

/** Creates the job, waits for it and saves its video in `directory`; resolves to the file's path. */
export async function renderClip(client, prompt, directory, { seconds = 8 } = {}) {
  const job = await client.videos.create({ model: MODEL, prompt, seconds })
  let done
  try {
    done = await client.videos.wait(job, { timeoutMs: 600_000 })
  } catch (error) {
    if (error instanceof JobFailedError) throw new RenderFailed(`${prompt}: ${error.message}`, { cause: error })
    throw error
  }
  const [video] = await client.videos.download(done, directory)
  return video
}
