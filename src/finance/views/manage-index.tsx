/** Staff: the finance pages of a municipality — soundness components by year, the fiscal frame. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";

export interface SoundnessYear {
  fiscalYear: number;
  /** 「公表値 4」「算定値 2・公表値 2」… */
  ratios: string;
  components: "none" | "sample" | "entered";
}

export const FinanceManageIndex: FC<{
  code: string;
  years: SoundnessYear[];
  mayEdit: boolean;
}> = ({ code, years, mayEdit }) => (
  <>
    <h1>財政の入力</h1>
    <p class="lead">
      財政健全化判断比率の構成要素と財政フレーム（決算・予算の年度、推計の前提）を入力します。
      {mayEdit
        ? ""
        : "あなたは閲覧のみです（入力できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です）。"}
    </p>
    <section aria-labelledby="soundness-years">
      <h2 id="soundness-years">財政健全化判断比率の構成要素</h2>
      <div class="table-wrap">
        <table>
          <caption>年度ごとの比率と構成要素</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">比率</th>
              <th scope="col">構成要素</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr>
                <th scope="row">
                  <a href={`/${code}/manage/finance/soundness/${y.fiscalYear}`}>
                    {fiscalYearLabel(y.fiscalYear)}
                  </a>
                </th>
                <td>{y.ratios || "なし"}</td>
                <td>
                  {y.components === "none"
                    ? "未入力"
                    : y.components === "sample"
                      ? "入力済み（サンプル）"
                      : "入力済み"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="frame-links">
      <h2 id="frame-links">財政フレーム</h2>
      <p>
        <a href={`/${code}/manage/finance/frame`}>財政フレームの年度と推計の前提</a>
      </p>
    </section>
  </>
);
