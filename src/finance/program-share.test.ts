import { describe, expect, it } from "vitest";
import { budget2024, settled2023 } from "../../test/support/finance-frame.ts";
import { totalExpenditure } from "./frame.ts";
import type { FrameReport, FrameYearRow } from "./frame-report.ts";
import { programShares } from "./program-share.ts";

const row = (y: typeof settled2023): FrameYearRow =>
  ({
    ...y,
    scenario: "",
    extraordinaryFiscalBonds: y.extraordinaryFiscalBonds ?? 0,
  }) as FrameYearRow;
const figures = (totalCost: number) => ({
  totalCost,
  programCost: totalCost,
  staffCost: 0,
  staffFte: 0,
});

describe("事務事業費と財政フレームの歳出合計", () => {
  const frame = {
    years: [row(settled2023), row(budget2024)],
    latestSettled: null,
    scenarios: [],
    sample: true,
  } as unknown as FrameReport;
  it("施策・年度ごとに事業費の合計を歳出合計で割り、フレームにない年度は割合なし", () => {
    const rows = programShares(
      new Map([
        [
          "GZ-1",
          new Map([
            [2023, figures(310_000_000)],
            [2025, figures(1)],
          ]),
        ],
      ]),
      () => "施策1",
      frame,
    );
    const total = totalExpenditure(settled2023);
    expect(rows).toEqual([
      {
        measureCode: "GZ-1",
        measureTitle: "施策1",
        fiscalYear: 2023,
        programCost: 310_000_000,
        frameExpenditure: total,
        projected: false,
        share: Math.round((310_000_000 / total) * 1000) / 10,
      },
      {
        measureCode: "GZ-1",
        measureTitle: "施策1",
        fiscalYear: 2025,
        programCost: 1,
        frameExpenditure: null,
        projected: false,
        share: null,
      },
    ]);
  });
});
