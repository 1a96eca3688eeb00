import type { BodyKind } from "../plan/index.ts";

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  prefecture: "都道府県",
  designated_city: "政令指定都市",
  city: "市",
  town: "町",
  village: "村",
  special_ward: "特別区",
};
