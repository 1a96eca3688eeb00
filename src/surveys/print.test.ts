import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE } from "../../test/support/surveys.ts";
import { conditionText, renderQuestionnairePdf } from "./print.ts";
import { readQuestionnaire } from "./questionnaire.ts";

const questionnaire = (() => {
  const read = readQuestionnaire(QUESTIONNAIRE);
  if (!read.ok) throw new Error("the test questionnaire does not read");
  return read.value;
})();

/** The text of every page, read back with PDF.js, without white space. */
async function pagesOf(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((x) => ("str" in x ? x.str : ""))
        .join("")
        .replace(/\s+/g, ""),
    );
  }
  await pdf.destroy();
  return pages;
}

const input = (over: Partial<Parameters<typeof renderQuestionnairePdf>[0]["survey"]> = {}) => ({
  municipality: { code: "082058", name: "石岡市" },
  origin: "https://shisaku.example",
  survey: {
    id: 7,
    title: "市民意識調査",
    titleEasy: "しみん の アンケート",
    purpose: "市役所の取組を市民の皆さんがどう感じているかを知るため",
    fiscalYear: 2026,
    opensOn: "2026-06-01",
    closesOn: "2026-06-30",
    questionnaire,
    isSample: false,
    ...over,
  },
});

describe("the paper questionnaire", () => {
  it("is an A4 PDF in Japanese with the access code box and every question numbered", async () => {
    const bytes = await renderQuestionnairePdf(input());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = bytes.toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toContain("NotoSansJP");
    const text = (await pagesOf(bytes)).join("");
    expect(text).toContain("市民意識調査");
    expect(text).toContain("回答番号（アクセスコード）");
    expect(text).toContain("https://shisaku.example/082058/surveys/7");
    expect(text).toContain("問1市役所は改善・改革に取り組んでいると感じますか（必須）");
    expect(text).toContain("しやくしょはよくなるようにがんばっていますか");
    expect(text).toContain("1.そう思う");
    expect(text).toContain("問3そう思わない理由");
    expect(text).toContain("問1で「あまりそう思わない」「そう思わない」と答えた方にうかがいます");
    expect(text).not.toContain("サンプル");
  });

  it("says a demo survey is a サンプル", async () => {
    const text = (await pagesOf(await renderQuestionnairePdf(input({ isSample: true })))).join("");
    expect(text).toContain("サンプル（デモ用の調査票です。実際の調査ではありません）");
  });

  it("runs over as many pages as the questions need", async () => {
    const many = {
      sections: [
        {
          title: "たくさんの問",
          questions: Array.from({ length: 40 }, (_, i) => ({
            key: `q${i}`,
            kind: "text" as const,
            text: `問の文 ${i + 1}`,
            required: false,
          })),
        },
      ],
    };
    const pages = await pagesOf(await renderQuestionnairePdf(input({ questionnaire: many })));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.at(-1)).toContain("ご協力ありがとうございました");
  });
});

describe("conditionText", () => {
  it("names the earlier question by its number and the options by their words", () => {
    const q3 = questionnaire.sections[1]!.questions[0]!;
    expect(conditionText(questionnaire, q3)).toBe(
      "問1で「あまりそう思わない」「そう思わない」と答えた方にうかがいます",
    );
    expect(conditionText(questionnaire, questionnaire.sections[0]!.questions[0]!)).toBeNull();
  });
});
