/**
 * The paper questionnaire (調査票) as an A4 PDF in Japanese, printed the way the evaluation
 * sheets are (sheets' Noto Sans JP, pdfkit): the survey's title and purpose, a box for the
 * access code (回答番号, printed on the letter; staff key the paper in by it), how to answer on
 * the web instead, then every section and question with its やさしい日本語 wording, boxes to
 * mark and room to write. It runs over as many pages as the questionnaire needs.
 */
import PDFDocument from "pdfkit";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { datedDownload } from "../core/http/content-disposition.ts";
import { sheetFonts } from "../sheets/index.ts";
import type { Question, Questionnaire } from "./questionnaire.ts";

export interface PrintInput {
  municipality: { code: string; name: string };
  survey: {
    id: number;
    title: string;
    titleEasy: string | null;
    purpose: string;
    fiscalYear: number;
    opensOn: string;
    closesOn: string;
    questionnaire: Questionnaire;
    isSample: boolean;
  };
  /** The site's origin for the answering address printed on the sheet (「https://…」). */
  origin: string;
}

const MARGIN = 48;
const A4 = { width: 595.28, height: 841.89 };
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN;

/** 「石岡市_市民意識調査_調査票_2026-12-07.pdf」, with an ASCII fallback. */
export const questionnaireFileName = (
  m: { code: string; name: string },
  survey: { id: number; title: string },
  at?: Date,
) =>
  datedDownload(
    [m.name, survey.title, "調査票"],
    [m.code, `survey-${survey.id}-questionnaire`],
    "pdf",
    at,
  );

/** 「問3で「そう思わない」「あまりそう思わない」と答えた方にうかがいます」. */
export function conditionText(qn: Questionnaire, q: Question): string | null {
  if (!q.showIf) return null;
  const all = qn.sections.flatMap((s) => s.questions);
  const i = all.findIndex((x) => x.key === q.showIf!.question);
  const source = all[i];
  if (!source) return null;
  // In the order the options are printed.
  const texts = (source.options ?? [])
    .filter((o) => q.showIf!.anyOf.includes(o.key))
    .map((o) => o.text);
  return `問${i + 1}で「${texts.join("」「")}」と答えた方にうかがいます`;
}

const HOW: Record<Question["kind"], string> = {
  single: "あてはまるもの1つに✓をつけてください",
  likert: "あてはまるもの1つに✓をつけてください",
  multiple: "あてはまるものすべてに✓をつけてください",
  numeric: "数字で書いてください",
  text: "自由にお書きください",
};

/** The questionnaire as an A4 PDF. */
export async function renderQuestionnairePdf(input: PrintInput): Promise<Buffer> {
  const font = sheetFonts();
  const { municipality: mu, survey: s } = input;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: "ja-JP",
    displayTitle: true,
    info: {
      Title: `${s.title}　調査票`,
      Author: mu.name,
      Subject: `${mu.name}の${s.title}（${shortFiscalYearLabel(s.fiscalYear)}）`,
      Creator: "Shisaku",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", font.regular);
  doc.registerFont("bold", font.bold);

  /** Starts a new page when `height` more points do not fit. */
  const room = (height: number) => {
    if (doc.y + height > BOTTOM) doc.addPage();
  };
  const text = (
    t: string,
    o: { size?: number; bold?: boolean; color?: string; indent?: number } = {},
  ) => {
    doc
      .font(o.bold ? "bold" : "regular")
      .fontSize(o.size ?? 10)
      .fillColor(o.color ?? "#111");
    doc.text(t, MARGIN + (o.indent ?? 0), doc.y, { width: WIDTH - (o.indent ?? 0), lineGap: 2 });
  };

  // Header.
  if (s.isSample)
    text("サンプル（デモ用の調査票です。実際の調査ではありません）", { bold: true, color: "#a11" });
  text(`${mu.name}　${fiscalYearLabel(s.fiscalYear)}`, { size: 9, color: "#444" });
  text(s.title, { size: 16, bold: true });
  if (s.titleEasy) text(s.titleEasy, { size: 10, color: "#444" });
  doc.moveDown(0.5);
  text(s.purpose, { size: 10 });
  text(`回答の期間：${s.opensOn} 〜 ${s.closesOn}`, { size: 10 });
  doc.moveDown(0.5);

  // The access code area.
  const boxTop = doc.y;
  const boxHeight = 64;
  doc.lineWidth(1).strokeColor("#111").rect(MARGIN, boxTop, WIDTH, boxHeight).stroke();
  doc.font("bold").fontSize(10).fillColor("#111");
  doc.text("回答番号（アクセスコード）", MARGIN + 8, boxTop + 8, { width: 170 });
  doc.font("regular").fontSize(8).fillColor("#444");
  doc.text("送付状に印刷された番号を書き写してください。", MARGIN + 8, boxTop + 26, {
    width: 170,
  });
  const cells = 12;
  const cellWidth = (WIDTH - 200) / cells;
  for (let i = 0; i < cells; i++)
    doc
      .lineWidth(0.7)
      .strokeColor("#111")
      .rect(MARGIN + 190 + i * cellWidth, boxTop + 14, cellWidth, 32)
      .stroke();
  doc.y = boxTop + boxHeight + 6;
  text(
    `インターネットでも回答できます：${input.origin}/${mu.code}/surveys/${s.id} を開き、回答番号を入力してください。` +
      "調査票とインターネットの両方で回答した場合は、先に届いた回答を使います。" +
      "回答番号は、回答した人の名前や住所とは結びついていません。",
    { size: 8.5, color: "#333" },
  );
  doc.moveDown(0.8);

  // Sections and questions.
  let number = 0;
  for (const section of s.questionnaire.sections) {
    room(60);
    const top = doc.y;
    doc.rect(MARGIN, top, WIDTH, 20).fill("#dde6f0");
    doc.fillColor("#111").font("bold").fontSize(11);
    doc.text(section.title + (section.easy ? `（${section.easy}）` : ""), MARGIN + 6, top + 4, {
      width: WIDTH - 12,
    });
    doc.y = Math.max(doc.y, top + 20) + 6;
    for (const q of section.questions) {
      number += 1;
      const options = q.options ?? [];
      room(40 + Math.min(options.length, 6) * 14);
      text(`問${number}　${q.text}${q.required ? "（必須）" : ""}`, { size: 10.5, bold: true });
      if (q.easy) text(q.easy, { size: 9, color: "#444", indent: 24 });
      const condition = conditionText(s.questionnaire, q);
      if (condition) text(`※ ${condition}`, { size: 8.5, color: "#444", indent: 24 });
      text(`（${HOW[q.kind]}）`, { size: 8.5, color: "#444", indent: 24 });
      doc.moveDown(0.2);
      if (options.length)
        for (const [i, o] of options.entries()) {
          room(16);
          const y = doc.y;
          doc
            .lineWidth(0.7)
            .strokeColor("#111")
            .rect(MARGIN + 28, y + 1.5, 9, 9)
            .stroke();
          doc.font("regular").fontSize(10).fillColor("#111");
          doc.text(`${i + 1}. ${o.text}${o.easy ? `（${o.easy}）` : ""}`, MARGIN + 44, y, {
            width: WIDTH - 44,
            lineGap: 2,
          });
        }
      else {
        const height = q.kind === "text" ? 72 : 24;
        room(height + 4);
        const y = doc.y;
        const width = q.kind === "text" ? WIDTH - 28 : 120;
        doc
          .lineWidth(0.7)
          .strokeColor("#111")
          .rect(MARGIN + 28, y, width, height)
          .stroke();
        if (q.kind === "numeric" && q.unit) {
          doc.font("regular").fontSize(10).fillColor("#111");
          doc.text(q.unit, MARGIN + 28 + width + 6, y + 6, { width: 80 });
        }
        doc.y = y + height;
      }
      doc.moveDown(0.8);
    }
  }
  room(30);
  text("ご協力ありがとうございました。同封の返信用封筒に入れて、期間内にご返送ください。", {
    size: 9.5,
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
