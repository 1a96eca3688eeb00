/**
 * `npx tsx bench/uploads.ts`: hostile and large uploads, read as the preview reads them, while a
 * client in a worker thread asks the same process's /healthz one request after another. For each
 * file: how long the read took, what it did (rows read, or the refusal), the most memory it held
 * beyond what the process held before (heap and buffers; resident set), and the slowest /healthz
 * answer meanwhile. Targets: no file holds more than ~100 MB beyond its own size, and /healthz
 * answers within 1 s throughout. The figures replace the `uploads.*` entries of
 * bench/results.json.
 */
import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { createApp } from "../src/app.tsx";
import { openPglite } from "../src/core/db/client.ts";
import { AppError } from "../src/core/errors.ts";
import { defaultLimits, readUpload } from "../src/spreadsheets/files.ts";
import {
  afterSheetData,
  edited,
  endlessColumns,
  SHEET_PART,
  wholeSheetMerge,
  workbook,
} from "../test/support/xlsx-files.ts";
import { LoadClient, percentile, startApp } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const PREFIX = "uploads.";
const MB = 1024 * 1024;

const figures: Figure[] = [];
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The files: what an attacker sends, and the largest file a clerk may send. */
async function files(): Promise<[string, string, Uint8Array][]> {
  const rows = (n: number, cells: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<row r="${i + 1}">${Array.from({ length: cells }, (_, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}"><v>${i * j}</v></c>`).join("")}</row>`,
    ).join("");
  const bomb = await workbook();
  bomb.file(SHEET_PART, Buffer.alloc(512 * MB, 0x20), { compression: "DEFLATE" });
  const large = new ExcelJS.Workbook();
  const ws = large.addWorksheet("実績値");
  ws.addRow(Array.from({ length: 16 }, (_, i) => `列${i + 1}`));
  for (let r = 0; r < 20_000; r++)
    ws.addRow(Array.from({ length: 16 }, (_, i) => (i < 4 ? `GZ-${r}-${i}` : (r * i) % 977)));
  return [
    [
      "mergeAll",
      "merged range, validation and name over the whole sheet (A1:XFD1048576)",
      await edited({
        [SHEET_PART]: (xml) =>
          afterSheetData(
            '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>',
          )(wholeSheetMerge(xml)),
        "xl/workbook.xml": (xml) =>
          xml.replace(
            "</sheets>",
            "</sheets><definedNames><definedName name=\"all\">'実績値'!$A$1:$XFD$1048576</definedName></definedNames>",
          ),
      }),
    ],
    [
      "endlessColumns",
      "a column setting to column 2,000,000,000",
      await edited({ [SHEET_PART]: endlessColumns }),
    ],
    [
      "rows120k",
      "120,000 rows of 8 cells",
      await edited({
        [SHEET_PART]: (xml) =>
          xml.replace(
            /<sheetData>[\s\S]*<\/sheetData>/,
            `<sheetData>${rows(120_000, 8)}</sheetData>`,
          ),
      }),
    ],
    [
      "zipBomb",
      "a sheet that unzips to 512 MB",
      await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
    ],
    [
      "large20k",
      "the largest allowed file: 20,000 rows × 16 columns",
      new Uint8Array(await large.xlsx.writeBuffer()),
    ],
  ];
}

const work = await files();
const opened = await openPglite();
await opened.migrate();
const app = await startApp(createApp({ db: opened.db }));
const client = new LoadClient();
try {
  // The client's worker loads and connects first.
  await client.run({
    mode: "latency",
    url: `${app.url}/healthz`,
    requests: 100,
    warmup: 0,
    warmupMaxMs: 0,
    maxMs: 500,
  });
  for (const [id, what, bytes] of work) {
    gc();
    const before = process.memoryUsage();
    const base = before.heapUsed + before.external + before.arrayBuffers;
    let peak = 0;
    let peakRss = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - base);
      peakRss = Math.max(peakRss, m.rss - before.rss);
    };
    const sampler = setInterval(sample, 5);
    const stop = new SharedArrayBuffer(4);
    const pings = client.run({
      mode: "latency",
      url: `${app.url}/healthz`,
      requests: 1_000_000,
      warmup: 0,
      warmupMaxMs: 0,
      maxMs: 600_000,
      stop,
    });
    const t = performance.now();
    const outcome = await readUpload(bytes, "実績値.xlsx", "auto", defaultLimits(), "実績値").then(
      (grid) => `read ${grid.rows.length} rows`,
      (e: unknown) => {
        if (e instanceof AppError) return `refused: ${e.message}`;
        throw e;
      },
    );
    const ms = performance.now() - t;
    sample();
    clearInterval(sampler);
    Atomics.store(new Int32Array(stop), 0, 1);
    const { samples } = await pings;
    const detail = { file: what, fileBytes: bytes.length, outcome, healthzSamples: samples.length };
    console.log(`\n[${id}] ${what} (${(bytes.length / 1024).toFixed(1)} KB): ${outcome}`);
    const record = (f: Figure) => {
      figures.push({ ...f, detail });
      console.log(`  ${f.label}: ${f.value} ${f.unit}`);
    };
    record({
      id: `${PREFIX}${id}.ms`,
      label: "read (or refusal)",
      value: Math.round(ms),
      unit: "ms",
    });
    record({
      id: `${PREFIX}${id}.memory`,
      label: "most memory held beyond before (heap + buffers)",
      value: round1(peak / MB),
      unit: "MB",
    });
    record({
      id: `${PREFIX}${id}.rss`,
      label: "most resident memory beyond before",
      value: round1(peakRss / MB),
      unit: "MB",
    });
    record({
      id: `${PREFIX}${id}.healthz.p95`,
      label: "/healthz meanwhile, p95",
      value: round1(percentile(samples, 95)),
      unit: "ms",
    });
    record({
      id: `${PREFIX}${id}.healthz.max`,
      label: "/healthz meanwhile, slowest",
      value: round1(Math.max(...samples)),
      unit: "ms",
    });
  }
  await replaceFigures(PREFIX, figures);
} finally {
  await client.close();
  await app.close();
  await opened.close();
}
