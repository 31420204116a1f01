// The daily reminder of assessment action plans: both people of each plan due tomorrow are told once, through the outbox.
import type { Portfolio } from "../portfolio/index.ts";

export interface PlanRemindersOptions {
  portfolio: Portfolio;
  log?: (line: string) => void;
  /** How often plans due tomorrow are looked for; each is reminded once whatever the count. 0 turns the timer off. */
  everyMs?: number;
  /** The most plans reminded in one run; the rest wait for the next run. */
  batch?: number;
  /** Called after a run that reminded anyone, so delivery sends the reminders straight away. */
  afterRun?: () => Promise<void> | void;
}

export interface PlanReminders {
  /** One run now: how many plans were reminded. */
  runOnce(): Promise<number>;
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

/** Starts the job: a run at once, then one every `everyMs` (an hour by default, so a restart never misses a day). */
export function startPlanReminders(options: PlanRemindersOptions): PlanReminders {
  const { portfolio } = options;
  const log = options.log ?? ((line) => console.error(line));
  const batch = options.batch ?? 200;
  let running: Promise<number> = Promise.resolve(0);

  async function run(): Promise<number> {
    const due = (await portfolio.plansDue({ actor: { system: "bot" } })).slice(0, batch);
    let reminded = 0;
    for (const plan of due) {
      try {
        if (await portfolio.markPlanReminded({ actor: { system: "bot" }, planId: plan.id })) reminded += 1;
      } catch (error) {
        log(`Could not remind the people of an action plan: ${(error as Error).message}`);
      }
    }
    if (reminded > 0) await options.afterRun?.();
    return reminded;
  }
  const runOnce = () => {
    running = running.catch(() => 0).then(run);
    return running;
  };
  const timer =
    options.everyMs === 0
      ? undefined
      : setInterval(
          () => void runOnce().catch((e) => log(`Plan reminders failed: ${(e as Error).message}`)),
          options.everyMs ?? HOUR,
        );
  timer?.unref();
  if (options.everyMs !== 0)
    void runOnce().catch((e) => log(`Plan reminders failed: ${(e as Error).message}`));
  return {
    runOnce,
    async close() {
      if (timer) clearInterval(timer);
      await running.catch(() => 0);
    },
  };
}
