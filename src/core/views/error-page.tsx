import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../errors.ts";

export const ErrorPage: FC<{ status: number; message: string; details: ErrorDetail[] }> = ({
  status,
  message,
  details,
}) => {
  // A detail that only repeats the message (a refusal naming its field) is not listed again.
  const listed = details.filter((d) => d.message !== message);
  return (
    <>
      <h1>{status === 404 ? "ページが見つかりません" : "エラーが発生しました"}</h1>
      <p class="lead">{message}</p>
      {listed.length > 0 ? (
        <ul>
          {listed.map((d) => (
            <li>
              <strong>{d.location}</strong>：{d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">トップページへ戻る</a>
      </p>
    </>
  );
};
