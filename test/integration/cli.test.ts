import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shisakuOnDemoCopy } from "../support/cli.ts";

/** Runs `shisaku …` as a user would, on its own copy of the demo data folder. */
describe("the shisaku command", () => {
  const cli = shisakuOnDemoCopy("shisaku-cli");
  const shisaku = cli.run;

  it("exports a municipality's plan files and imports them back", async () => {
    const out = path.join(cli.dataDir, "export");
    const exported = await shisaku("plan", "export", "082058", out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("gyozaisei-taiko.yaml");
    const imported = await shisaku("plan", "import", out);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("計画 gyozaisei-taiko");
    // The export is what the database holds: importing it back changes no record.
    expect(imported.stdout).toContain("ノード 追加 0・更新 0、指標 追加 0・更新 0");
  });

  it("reports a bad file with its path and the place inside it, and exits non-zero", async () => {
    const out = path.join(cli.dataDir, "export");
    const file = path.join(out, "plans", "gyozaisei-taiko.yaml");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("fiscalYear: 2027", "fiscalYear: 令和9年度"));
    const result = await shisaku("plan", "import", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: measures[0].indicators[0].target.fiscalYear`);
  });

  it("adds a municipality (check digit verified), and people to it, and disables them", async () => {
    const wrong = await shisaku("municipality", "add", "082057", "石岡市");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("正しくは 082058");
    const added = await shisaku(
      "municipality",
      "add",
      "082015",
      "テスト市（サンプル）",
      "--prefecture",
      "茨城県",
    );
    expect(added.code).toBe(0);
    const user = await shisaku(
      "user",
      "add",
      "--municipality",
      "082015",
      "--email",
      "kikaku@test.example",
      "--role",
      "planner",
    );
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/初期パスワード（この一度だけ表示します）: \S{20}/);
    const list = await shisaku("user", "list", "--municipality", "082015");
    expect(list.stdout.trim()).toBe("kikaku@test.example\tplanner\t-\t有効");
    expect(
      (
        await shisaku(
          "user",
          "disable",
          "--municipality",
          "082015",
          "--email",
          "kikaku@test.example",
        )
      ).code,
    ).toBe(0);
    expect((await shisaku("user", "list", "--municipality", "082015")).stdout).toContain("無効");
    const badRole = await shisaku(
      "user",
      "add",
      "--municipality",
      "082015",
      "--email",
      "x@test.example",
      "--role",
      "boss",
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("役割は admin / planner / editor / viewer のいずれかです");
  }, 120_000);

  it("prints its usage for --help and for unknown verbs", async () => {
    expect((await shisaku("--help")).stdout).toContain("shisaku plan import");
    const bad = await shisaku("plan", "frobnicate");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("使い方");
  });
});
