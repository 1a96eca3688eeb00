import { describe, expect, it } from "vitest";
import { FACILITIES_SLUG, generatedStandardDatasets, OPENDATA_LIST_SLUG } from "./generated.ts";

describe("the standard datasets the catalogue generates", () => {
  const none = new Set<string>();

  it("publishes オープンデータ一覧 always and 公共施設一覧 while a facility is in use", () => {
    expect(generatedStandardDatasets(none, []).map((d) => d.slug)).toEqual([OPENDATA_LIST_SLUG]);
    expect(generatedStandardDatasets(none, [{ sample: false }, { sample: true }])).toEqual([
      { slug: FACILITIES_SLUG, standardType: "public-facilities", sample: false },
      { slug: OPENDATA_LIST_SLUG, standardType: "opendata-list", sample: false },
    ]);
  });

  it("marks 公共施設一覧 サンプル when every facility in use is a sample", () => {
    const [facilities] = generatedStandardDatasets(none, [{ sample: true }, { sample: true }]);
    expect(facilities).toMatchObject({ slug: FACILITIES_SLUG, sample: true });
  });

  it("publishes neither when a registered dataset has taken its address", () => {
    const taken = new Set([FACILITIES_SLUG, OPENDATA_LIST_SLUG]);
    expect(generatedStandardDatasets(taken, [{ sample: false }])).toEqual([]);
    expect(
      generatedStandardDatasets(new Set([OPENDATA_LIST_SLUG]), [{ sample: false }]).map(
        (d) => d.slug,
      ),
    ).toEqual([FACILITIES_SLUG]);
  });
});
