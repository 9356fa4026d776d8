// The benchmark's result table: one row per measurement, printed at the end of the run.
import { cpus, totalmem } from 'node:os';

export interface Row {
  database: string;
  measurement: string;
  value: string;
}

/** Records one measurement of the phase that was given it (and prints it at once). */
export type Recorder = (measurement: string, value: string) => void;

export function createTable() {
  const rows: Row[] = [];
  return {
    rows,
    recorder(database: string): Recorder {
      return (measurement, value) => {
        rows.push({ database, measurement, value });
        console.log(`  ${measurement}: ${value}`);
      };
    },
    /** The table as Markdown, ready for docs/benchmarks.md. */
    markdown(): string {
      const lines = ['| database | measurement | value |', '| --- | --- | --- |'];
      for (const row of rows) lines.push(`| ${row.database} | ${row.measurement} | ${row.value} |`);
      return lines.join('\n');
    },
    text(): string {
      const width = Math.max(...rows.map((row) => row.measurement.length));
      return rows
        .map((row) => `${row.database.padEnd(9)} ${row.measurement.padEnd(width)}  ${row.value}`)
        .join('\n');
    },
  };
}

/** The machine the run was on, for the table's caption. */
export function describeMachine(postgres?: string): string {
  const cores = cpus();
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const parts = [
    `${cores.length} × ${cores[0]?.model.trim() ?? 'CPU'}`,
    memory,
    `Node ${process.versions.node}`,
  ];
  if (postgres) parts.push(postgres);
  return parts.join(', ');
}
