/**
 * The words for an exercise's result record (src/runtime/result-record.ts), shared by the exercise's result line
 * and the progress page, so both say "passed earlier — your current code fails" alike. Pure: dates come formatted
 * by the caller's `DateText`, so tests need no locale.
 */
import { backendLabel, backendOrder, type BackendName } from '../runtime/backend.ts';
import { resultState, type ResultRecord, type ResultState, type RunSummary } from '../runtime/result-record.ts';

/** Formats an ISO time for the reader (the page passes the browser's locale). */
export type DateText = (iso: string) => string;

const statusWord = { passed: 'Passed', failed: 'Failed', error: 'Error' } as const;

const backendText = (b: string): string => ((backendOrder as readonly string[]).includes(b) ? backendLabel(b as BackendName) : b);

/** One run in a sentence: "Failed on 1 Dec 2026, 10:50 (WebAssembly): 1 of 2 checks met", led by `lead`. */
export function runText(r: RunSummary, date: DateText, lead: string = statusWord[r.status]): string {
  return `${lead}${r.at ? ` on ${date(r.at)}` : ''}${r.backend ? ` (${backendText(r.backend)})` : ''}${r.line ? `: ${r.line}` : ''}`.trim();
}

/** What follows "passed earlier —": why the current code is not the passing one. */
const earlierWhy = (record: ResultRecord) => (record.last && record.last.status !== 'passed' ? 'your current code fails' : 'your current code has not been run since');

/**
 * The exercise's result line: a short badge and the sentence after it, which does not repeat the badge ("Passed" ·
 * "on 1 Dec 2026, 10:45 (WebAssembly): 2 of 2 checks met"); null before any run is recorded.
 */
export function recordText(record: ResultRecord, date: DateText): { state: ResultState; badge: string; detail: string } | null {
  const state = resultState(record);
  const { last, pass } = record;
  if (state === 'passed') return { state, badge: 'Passed', detail: runText(last!, date, '') };
  if (state === 'passed-earlier')
    return { state, badge: `Passed earlier — ${earlierWhy(record)}`, detail: `${runText(pass!, date)}.${last ? ` Last run: ${runText(last, date)}.` : ''}` };
  if (state === 'not-run') return null;
  return { state, badge: statusWord[state], detail: runText(last!, date, 'Last run') };
}

/** The progress table's cell: "Passed on 1 Dec 2026", "Passed earlier (1 Dec 2026) — current code fails", "Failed"… */
export function progressText(record: ResultRecord, hasCode: boolean, date: DateText): string {
  const state = resultState(record);
  const on = (at: string | null | undefined) => (at ? ` on ${date(at)}` : '');
  if (state === 'passed') return `Passed${on(record.last!.at)}`;
  if (state === 'passed-earlier') return `Passed earlier${on(record.pass!.at)} — ${earlierWhy(record).replace('your ', '')}`;
  if (state === 'not-run') return hasCode ? 'Not run yet' : 'Not tried';
  return statusWord[state];
}

/** Formats in the browser's locale; gives back the ISO text itself if it is not a date. */
const localFormat =
  (options: Intl.DateTimeFormatOptions): DateText =>
  (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, options);
  };

/** "1 Dec 2026, 10:45", as the browser writes it. */
export const localDateTime = localFormat({ dateStyle: 'medium', timeStyle: 'short' });
/** "1 Dec 2026", as the browser writes it. */
export const localDate = localFormat({ dateStyle: 'medium' });
