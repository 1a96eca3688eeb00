/**
 * Previews of uploads run as jobs in this process: the upload's request starts one and, when it
 * does not finish at once, sends the person to the job's page, which shows the phase and the
 * rows done until the preview is ready. A job is found by an unguessable id and only for the
 * municipality and the person who started it; finished jobs are forgotten after a while.
 * Applying a previewed file runs as a job too, so that a large apply shows the cells written;
 * its finished page sends the person on to the result (or back to the preview with the error).
 * (A restart forgets running jobs: the person uploads again. Applying never depends on a
 * preview's job — the preview page carries the file.)
 */
import { randomBytes } from "node:crypto";
import { AppError } from "../core/errors.ts";
import type { ApplyResult, Preview, Upload } from "./import.ts";
import type { Progress } from "./table.ts";

/** What a job does: check an upload (preview), or apply a previewed one. */
export type JobKind = "preview" | "apply";

export interface Job {
  id: string;
  kind: JobKind;
  municipality: string;
  userId: number;
  dataset: string;
  upload: Upload;
  /** An apply job's ticked conflicts (to show them ticked again if the apply is refused). */
  take?: readonly string[];
  progress: Progress;
  startedAt: number;
  finishedAt?: number;
  preview?: Preview;
  /** An apply job's result (its preview too). */
  applied?: ApplyResult;
  /** What stopped the job (a file that cannot be read), as the error the preview would throw. */
  error?: unknown;
  /** Settles when the job has finished, either way. */
  done: Promise<void>;
}

/** How long a finished job is kept for its page, and how many jobs at most. */
const KEEP_MS = 10 * 60 * 1000;
const MAX_JOBS = 50;

const jobs = new Map<string, Job>();

function sweep(now: number) {
  for (const [id, job] of jobs)
    if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) jobs.delete(id);
}

/** Starts `run` as a job of this person; returns at once. */
export function startJob(
  owner: {
    municipality: string;
    userId: number;
    dataset: string;
    kind?: JobKind;
    take?: readonly string[];
  },
  upload: Upload,
  run: (progress: (p: Progress) => void) => Promise<Preview | ApplyResult>,
): Job {
  const now = Date.now();
  sweep(now);
  const running = [...jobs.values()].filter((j) => j.finishedAt === undefined);
  if (running.length >= MAX_JOBS)
    throw new AppError(
      "conflict",
      "取り込みの確認が混み合っています。しばらく待ってからもう一度アップロードしてください",
    );
  if (jobs.size >= MAX_JOBS) {
    const oldest = [...jobs.values()].find((j) => j.finishedAt !== undefined);
    if (oldest) jobs.delete(oldest.id);
  }
  const job: Job = {
    id: randomBytes(18).toString("base64url"),
    kind: "preview",
    ...owner,
    upload,
    progress: { phase: "reading", done: 0, total: 0 },
    startedAt: now,
    done: Promise.resolve(),
  };
  jobs.set(job.id, job);
  job.done = run((p) => {
    job.progress = p;
  })
    .then(
      (result) => {
        const preview = "status" in result ? result.preview : result;
        if ("status" in result) job.applied = result;
        job.preview = preview;
        job.progress = { phase: "done", done: preview.rows, total: preview.rows };
      },
      (error: unknown) => {
        job.error = error;
      },
    )
    .finally(() => {
      job.finishedAt = Date.now();
    });
  return job;
}

/** Waits up to `ms` for the job to finish; true when it did. */
export async function settle(job: Job, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([job.done.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

/** The job of this person in this municipality, or not found (never another's). */
export function jobOf(id: string, municipality: string, userId: number): Job {
  const job = jobs.get(id);
  if (!job || job.municipality !== municipality || job.userId !== userId)
    throw new AppError(
      "not_found",
      "取り込みの確認が見つかりません（時間がたったか、サーバーが再起動しました）。もう一度アップロードしてください",
    );
  return job;
}
