import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { assetHref } from "../http/assets.ts";
import { currentStaffFrame, type StaffFrame } from "../http/staff-frame.ts";

export interface Crumb {
  href?: string;
  label: string;
}

/** The first crumb of every staff page: the staff home of the municipality. */
export const staffHome = (code: string): Crumb => ({
  href: `/${code}/manage/`,
  label: "職員用ページ",
});

export interface LayoutProps {
  title: string;
  /** The municipality whose pages these are, for the header navigation. */
  municipality?: { code: string; name: string };
  crumbs?: Crumb[];
  description?: string;
  /** More elements for the head (a page that reloads itself without JavaScript). */
  head?: Child;
  /** The staff navigation (default: the signed-in person's, on a staff path). */
  staff?: StaffFrame;
  children?: Child;
}

/** Is the page at `path` under the navigation's `href` (the page itself or one of its pages)? */
const within = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

/** The staff pages the person's role may open, and who is signed in. */
const StaffNavigation: FC<{ frame: StaffFrame }> = ({ frame }) => (
  <nav class="staff-nav" aria-label="職員用">
    <div class="inner">
      <ul>
        <li>
          <a href={frame.home} aria-current={frame.path === frame.home ? "page" : undefined}>
            職員用ページ
          </a>
        </li>
        {frame.links.map((l) => (
          <li>
            <a href={l.href} aria-current={within(frame.path, l.href) ? "page" : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
      <div class="who">
        <p>
          <span class="visually-hidden">サインイン中：</span>
          {frame.who}
        </p>
        <form method="post" action={frame.signOut.action}>
          <input type="hidden" name="_csrf" value={frame.signOut.csrf} />
          <button type="submit">サインアウト</button>
        </form>
      </div>
    </div>
  </nav>
);

/** The page shell: language, skip link, header navigation, breadcrumbs, footer. */
export const Layout: FC<LayoutProps> = ({
  title,
  municipality,
  crumbs,
  description,
  head,
  staff = currentStaffFrame(),
  children,
}) => {
  const m = municipality;
  const fullTitle = m ? `${title}｜${m.name}｜Shisaku` : `${title}｜Shisaku`;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="stylesheet" href={assetHref("tokens.css")} />
          <link rel="stylesheet" href={assetHref("style.css")} />
          {head}
        </head>
        <body>
          <a class="skip" href="#main">
            本文へ移動
          </a>
          <header class="site">
            <div class="inner">
              <a class="brand" href={m ? `/${m.code}/` : "/"}>
                {m ? `${m.name}の施策と指標` : "Shisaku 施策"}
              </a>
              {m ? (
                <nav aria-label="サイト内">
                  <ul>
                    <li>
                      <a href={`/${m.code}/`}>ホーム</a>
                    </li>
                    <li>
                      <a href={`/${m.code}/indicators`}>指標の一覧</a>
                    </li>
                    <li>
                      <a href={`/${m.code}/programs`}>事務事業</a>
                    </li>
                    <li>
                      <a href={`/${m.code}/finance`}>財政</a>
                    </li>
                    <li>
                      <a href="/">団体の一覧</a>
                    </li>
                  </ul>
                </nav>
              ) : null}
            </div>
            {staff ? <StaffNavigation frame={staff} /> : null}
          </header>
          <main id="main">
            {crumbs && crumbs.length > 0 ? (
              <nav class="breadcrumbs" aria-label="現在位置">
                <ol>
                  {crumbs.map((c) => (
                    <li>
                      {c.href ? (
                        <a href={c.href}>{c.label}</a>
                      ) : (
                        <span aria-current="page">{c.label}</span>
                      )}
                    </li>
                  ))}
                </ol>
              </nav>
            ) : null}
            {children}
          </main>
          <footer class="site">
            <div class="inner">
              <p>
                Shisaku（施策）— 計画・指標・評価・財政を一か所で。データは{" "}
                <a href="/api/v1/openapi.json">JSON API</a> でも提供しています。
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
};
