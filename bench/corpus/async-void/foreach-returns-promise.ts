// expect: async-void 10
import { writeFile } from 'node:fs/promises';

interface Report {
  name: string;
  html: string;
}

export function saveReports(reports: Report[]): void {
  reports.forEach((report) => writeFile(`/tmp/${report.name}.html`, report.html));
}
