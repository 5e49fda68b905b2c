/**
 * Where reports go: the configured file or stderr (written synchronously, so nothing is lost when
 * the process exits), and the onReport listeners. A listener that throws is ignored; nothing here
 * throws into the program.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ResolvedOptions, ReportFormat } from './config';
import { formatJson } from './format-json';
import { formatPretty } from './format-pretty';
import type { Report } from './report';
import { countReport } from './strict';

const STDERR = 2;

interface Sink {
  fd: number;
  path: string | null;
  format: ReportFormat;
  color: boolean;
  /** False when an onReport callback takes the reports instead (and no output file was asked for). */
  write: boolean;
}

const sink: Sink = { fd: STDERR, path: null, format: 'pretty', color: false, write: true };
const listeners = new Set<(report: Report) => void>();
let optionListener: ((report: Report) => void) | null = null;

function wantsColor(fd: number): boolean {
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (process.env['NO_COLOR'] !== undefined) return false;
  return fd === STDERR && process.stderr.isTTY === true;
}

/** Applies the options; returns what went wrong (an unopenable file falls back to stderr). */
export function configureOutput(options: ResolvedOptions): string[] {
  const problems: string[] = [];
  if (sink.path !== options.output) {
    if (sink.fd !== STDERR) {
      try {
        closeSync(sink.fd);
      } catch {
        // Already closed: nothing to do.
      }
    }
    sink.fd = STDERR;
    sink.path = null;
    if (options.output !== null) {
      try {
        sink.fd = openSync(options.output, 'a');
        sink.path = options.output;
      } catch (error) {
        problems.push(`cannot open the output file ${JSON.stringify(options.output)} (${(error as Error).message}); writing reports to stderr`);
      }
    }
  }
  sink.format = options.format;
  sink.color = wantsColor(sink.fd);
  optionListener = options.onReport;
  sink.write = options.onReport === null || sink.path !== null;
  return problems;
}

/** Where the watchdog worker writes its live report: the same descriptor and format as every report. */
export function outputSettings(): { fd: number; format: ReportFormat; color: boolean; write: boolean } {
  return { fd: sink.fd, format: sink.format, color: sink.color, write: sink.write };
}

export function format(report: Report, fmt: ReportFormat, color: boolean): string {
  return fmt === 'json' ? formatJson(report) : formatPretty(report, color);
}

/** Synchronous write that survives a non-blocking descriptor (EAGAIN) and never throws. */
export function writeText(fd: number, text: string): void {
  const buffer = Buffer.from(text);
  let offset = 0;
  for (let attempts = 0; offset < buffer.length && attempts < 1000; attempts++) {
    try {
      offset += writeSync(fd, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

/** Writes a line that is not a report (an options problem) where reports go, in the chosen format. */
export function writeNotice(message: string): void {
  const text = sink.format === 'json'
    ? JSON.stringify({ type: 'loopwatch-notice', time: new Date().toISOString(), pid: process.pid, message }) + '\n'
    : `loopwatch: ${message}\n`;
  writeText(sink.fd, text);
}

export function emitReport(report: Report): void {
  try {
    countReport(report);
    if (sink.write) writeText(sink.fd, format(report, sink.format, sink.color));
    for (const listener of [optionListener, ...listeners]) {
      if (listener === null) continue;
      try {
        listener(report);
      } catch {
        // A logger that throws must not take the program (or the other listeners) down.
      }
    }
  } catch {
    // Reporting is best effort.
  }
}

/** Adds a report listener; returns the function that removes it. */
export function addReportListener(listener: (report: Report) => void): () => void {
  if (typeof listener !== 'function') return () => undefined;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
