import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import YAML from "yaml";
import { AppError } from "../../src/core/errors.ts";
import { importFinance } from "../../src/finance/finance-import.ts";
import { exportMunicipality, writeMunicipalityFiles } from "../../src/plan/plan-export.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";
import { emptyDatabase, snapshot } from "../support/snapshot.ts";

const SEED_DIR = path.resolve("data/municipalities/082058");

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = await readFile(full, "utf8");
    }
  }
  return out;
}

/** Runs an import that must fail, returning its error. */
async function failingImport(db: Parameters<typeof importPlans>[0], target: string) {
  try {
    await importPlans(db, target);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("the import was expected to fail");
}

describeEachBackend("plan import and export", (t) => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "shisaku-plan-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("exports files that import back to the identical database state", async () => {
    const before = await snapshot(t.database.db);
    const first = path.join(work, "first");
    await writeMunicipalityFiles(t.database.db, "082058", first);

    await emptyDatabase(t.database.db);
    expect((await snapshot(t.database.db)).indicators).toEqual([]);
    await importPlans(t.database.db, first);
    // Reported ratios belong to the finance file, which has its own importer.
    await importFinance(t.database.db, path.join(SEED_DIR, "finance", "soundness.yaml"));
    expect(await snapshot(t.database.db)).toEqual(before);

    const second = path.join(work, "second");
    await writeMunicipalityFiles(t.database.db, "082058", second);
    expect(await readTree(second)).toEqual(await readTree(first));
  });

  it("re-importing the same files changes nothing and updates by stable code", async () => {
    const before = await snapshot(t.database.db);
    const summary = await importPlans(t.database.db, SEED_DIR);
    expect(summary.plans[0]).toMatchObject({
      nodesCreated: 0,
      indicatorsCreated: 0,
      nodesNotInFile: [],
    });
    // Only records that changed are counted: nothing did.
    expect(summary.plans[0]).toMatchObject({ nodesUpdated: 0, indicatorsUpdated: 0 });
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it("an edited title updates that node and nothing else", async () => {
    const before = await snapshot(t.database.db);
    const dir = path.join(work, "edited");
    await writeMunicipalityFiles(t.database.db, "082058", dir);
    const file = path.join(dir, "plans", "gyozaisei-taiko.yaml");
    const plan = YAML.parse(await readFile(file, "utf8"));
    plan.measures[2].initiatives[1].title = "指標の一元管理（改）";
    await writeFile(file, YAML.stringify(plan));
    await importPlans(t.database.db, dir);
    const after = await snapshot(t.database.db);
    const changed = (after.plan_nodes as { code: string; title: string }[]).filter(
      (n, i) => JSON.stringify(n) !== JSON.stringify(before.plan_nodes?.[i]),
    );
    expect(changed.map((n) => [n.code, n.title])).toEqual([["GZ-3-02", "指標の一元管理（改）"]]);
    expect({ ...after, plan_nodes: [] }).toEqual({ ...before, plan_nodes: [] });
    await importPlans(t.database.db, SEED_DIR);
  });

  it("a bad value names the file and the path inside it, and changes nothing", async () => {
    const before = await snapshot(t.database.db);
    const { plans } = await exportMunicipality(t.database.db, "082058");
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks the file on purpose
    const plan = structuredClone(plans[0]!) as Record<string, any>;
    plan.measures[2].indicators[0].target.value = "たくさん";
    plan.measures[0].title = "書き換えてはいけない";
    const file = path.join(work, "bad-value.yaml");
    await writeFile(file, YAML.stringify(plan));
    const err = await failingImport(t.database.db, file);
    expect(err.details).toEqual([
      {
        location: `${file}: measures[2].indicators[0].target.value`,
        message: expect.stringContaining("数値"),
      },
    ]);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it("collects every error of every file in one pass", async () => {
    const dir = path.join(work, "many-errors");
    const { plans } = await exportMunicipality(t.database.db, "082058");
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks the file on purpose
    const plan = structuredClone(plans[0]!) as Record<string, any>;
    plan.measures[0].indicators[0].kind = "goal";
    plan.measures[1].initiatives[0].code = "GZ-1-01";
    delete plan.policy.title;
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "a.yaml"), YAML.stringify(plan));
    await writeFile(path.join(dir, "b.yaml"), "municipality: '082058'\ncode: [unclosed\n");
    const err = await failingImport(t.database.db, dir);
    const locations = err.details.map((d) => d.location);
    expect(locations).toEqual(
      expect.arrayContaining([
        `${path.join(dir, "a.yaml")}: measures[0].indicators[0].kind`,
        `${path.join(dir, "a.yaml")}: measures[1].initiatives[0].code`,
        `${path.join(dir, "a.yaml")}: policy.title`,
      ]),
    );
    expect(locations.some((l) => /b\.yaml:\d+:\d+$/.test(l))).toBe(true);
    expect(err.details.find((d) => d.location.endsWith("initiatives[0].code"))?.message).toContain(
      "重複",
    );
  });

  it("is strict: an unknown key is an error in Japanese naming the file and the path", async () => {
    const before = await snapshot(t.database.db);
    const { plans } = await exportMunicipality(t.database.db, "082058");
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks the file on purpose
    const plan = structuredClone(plans[0]!) as Record<string, any>;
    plan.measures[4].indicators[1].cumulative = true;
    plan.measures[0].indicators[0].target.interimTargets = [];
    plan.measures[0].indicators[0].kind = "goal";
    const file = path.join(work, "unknown-keys.yaml");
    await writeFile(file, YAML.stringify(plan));
    const err = await failingImport(t.database.db, file);
    expect(err.details).toEqual(
      expect.arrayContaining([
        {
          location: `${file}: measures[4].indicators[1].cumulative`,
          message: expect.stringContaining("valueKind"),
        },
        {
          location: `${file}: measures[0].indicators[0].target.interimTargets`,
          message:
            "項目「interimTargets」はこの位置に書けません（項目名の綴りと字下げを確認してください）",
        },
      ]),
    );
    // zod's own messages are Japanese too: no sentence of English letters.
    for (const d of err.details) expect(d.message).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{3,}/);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it("says YAML and JSON mistakes in Japanese with the line", async () => {
    const dir = path.join(work, "syntax");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "a.yaml"), "municipality: '082058'\ncode: a\ncode: b\n");
    await writeFile(path.join(dir, "b.json"), '{"municipality": "082058",\n "code": }');
    const err = await failingImport(t.database.db, dir);
    expect(err.details).toEqual(
      expect.arrayContaining([
        {
          location: expect.stringMatching(/a\.yaml:3:1$/),
          message: "YAMLとして読めません: 同じ項目名が2回書かれています",
        },
        {
          location: expect.stringMatching(/b\.json(:\d+:\d+)?$/),
          message: expect.stringMatching(/^JSONとして読めません: 書き方に誤りがあります/),
        },
      ]),
    );
  });

  it("counts only the records an edited file changes", async () => {
    const dir = path.join(work, "one-change");
    await writeMunicipalityFiles(t.database.db, "082058", dir);
    const file = path.join(dir, "plans", "gyozaisei-taiko.yaml");
    const plan = YAML.parse(await readFile(file, "utf8"));
    plan.measures[1].indicators[0].note = "注記を書き足した";
    await writeFile(file, YAML.stringify(plan));
    const summary = await importPlans(t.database.db, dir);
    expect(summary.plans[0]).toMatchObject({
      nodesCreated: 0,
      nodesUpdated: 0,
      indicatorsCreated: 0,
      indicatorsUpdated: 1,
    });
    await importPlans(t.database.db, SEED_DIR);
  });

  it("rejects an unknown section and rolls back what the same import had already written", async () => {
    const before = await snapshot(t.database.db);
    const dir = path.join(work, "unknown-section");
    await writeMunicipalityFiles(t.database.db, "082058", dir);
    const muniFile = path.join(dir, "municipality.yaml");
    const muni = YAML.parse(await readFile(muniFile, "utf8"));
    muni.name = "書き換えてはいけない市";
    await writeFile(muniFile, YAML.stringify(muni));
    const planFile = path.join(dir, "plans", "gyozaisei-taiko.yaml");
    const plan = YAML.parse(await readFile(planFile, "utf8"));
    plan.measures[4].initiatives[0].sections = ["joho-seisaku", "no-such-section"];
    await writeFile(planFile, YAML.stringify(plan));
    const err = await failingImport(t.database.db, dir);
    expect(err.details).toEqual([
      {
        location: `${planFile}: measures[4].initiatives[0].sections[1]`,
        message: "担当課コード no-such-section は登録されていません",
      },
    ]);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it("verifies the check digit of a municipality code and names the right one", async () => {
    const dir = path.join(work, "bad-code");
    await writeMunicipalityFiles(t.database.db, "082058", dir);
    const muniFile = path.join(dir, "municipality.yaml");
    await writeFile(
      muniFile,
      (await readFile(muniFile, "utf8")).replace('code: "082058"', 'code: "082057"'),
    );
    const err = await failingImport(t.database.db, muniFile);
    expect(err.details[0]?.message).toContain("正しくは 082058");
  });
});
