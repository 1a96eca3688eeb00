import { describe, expect, it } from "vitest";
import {
  checkPublication,
  describeFinding,
  findingKey,
  findPersonalData,
  MASK,
  maskFindings,
  type PersonalData,
  personalDataIn,
} from "./redaction.ts";

const who = {
  name: "石岡 花子",
  address: "茨城県石岡市石岡1-1-1",
  phone: "0299-23-1111",
  email: "hanako@example.jp",
};
const nobody: PersonalData = { name: "", address: null, phone: null, email: null };
const found = (text: string, w = nobody) => findPersonalData(text, w).map(describeFinding);

describe("personal data in a letter's text", () => {
  it("finds the writer's name (whole or a part), address, phone and e-mail, however written", () => {
    expect(found("石岡花子です。", who)).toEqual(["お名前「石岡花子」"]);
    expect(found("花子より", who)).toEqual(["お名前「花子」"]);
    expect(found("連絡先 ０２９９（２３）１１１１", who)).toEqual([
      "電話番号「０２９９（２３）１１１１」",
    ]);
    expect(found("HANAKO@example.jp まで", who)).toEqual(["メールアドレス「HANAKO@example.jp」"]);
    expect(found("茨城県石岡市石岡１－１－１に住む", who)).toEqual([
      "住所「茨城県石岡市石岡１－１－１」",
    ]);
    expect(found("○○在住の市民より。公園にベンチを。", who)).toEqual([]);
  });

  it("finds anyone's phone number, e-mail address and postal code typed into the text", () => {
    expect(found("夜は 0299-11-2222 にお電話ください")).toEqual(["電話番号「0299-11-2222」"]);
    expect(found("携帯090-1234-5678、または09012345678")).toEqual([
      "電話番号「090-1234-5678」",
      "電話番号「09012345678」",
    ]);
    expect(found("電話０２９９ー１１ー２２２２です")).toEqual([
      "電話番号「０２９９ー１１ー２２２２」",
    ]);
    expect(found("返事は taro.yamada@example.com へ")).toEqual([
      "メールアドレス「taro.yamada@example.com」",
    ]);
    expect(found("〒300-0000 石岡市")).toEqual(["郵便番号「〒300-0000」"]);
    expect(found("〒３１５－０００１")).toEqual(["郵便番号「〒３１５－０００１」"]);
  });

  it("finds street addresses: 丁目・番・号, 番地, and digits after a place name", () => {
    expect(found("府中3丁目12番5号に住んでいます")).toEqual(["住所「3丁目12番5号」"]);
    expect(found("石岡五丁目の角")).toEqual(["住所「五丁目」"]);
    expect(found("大字石川123番地の4の畑")).toEqual(["住所「123番地の4」"]);
    expect(found("国府２－３－４の前")).toEqual(["住所「２－３－４」"]);
  });

  it("finds a name before 様・さん, but not 市長さん, 皆様 or お客様", () => {
    expect(found("隣の田中さんが困っています")).toEqual(["お名前「田中」"]);
    expect(found("山田 太郎 様より")).toEqual(["お名前「山田 太郎」"]);
    expect(found("ジョンソンさんと話した")).toEqual(["お名前「ジョンソン」"]);
    expect(found("市長さん、皆様、お客様、職員さん、運転手さん、お子さんへ")).toEqual([]);
  });

  it("leaves dates, amounts and years alone", () => {
    expect(found("令和7年4月15日に300万円、2026-04-01から10,000人が利用")).toEqual([]);
  });

  it("masks the chosen findings with ＊＊＊ and leaves the rest", () => {
    const text = "田中さん（0299-11-2222）より";
    const all = findPersonalData(text, nobody);
    const phone = all.find((f) => f.kind === "phone")!;
    expect(maskFindings(text, all, new Set([findingKey(phone)]))).toBe(`田中さん（${MASK}）より`);
    expect(maskFindings(text, all, new Set(all.map(findingKey)))).toBe(
      `${MASK}さん（${MASK}）より`,
    );
  });

  it("lists only the contact fields for a staff comment (the city's own number is fine there)", () => {
    expect(personalDataIn("花子様へ。行革推進課 0299-23-0000", who)).toEqual(["お名前（花子）"]);
  });
});

describe("publishing the public version", () => {
  it("refuses without consent, or with personal data neither masked nor kept", () => {
    const redacted = {
      publicSubject: "公園にベンチを",
      publicBody: "○○さんより、公園にベンチを。",
    };
    expect(checkPublication(redacted, { ...who, consentPublish: true })).toEqual([]);
    expect(checkPublication(redacted, { ...who, consentPublish: false })[0]!.location).toBe(
      "publish",
    );
    const leaky = { ...redacted, publicBody: "花子より。電話 0299-11-2222" };
    const details = checkPublication(leaky, { ...who, consentPublish: true });
    expect(details.map((d) => d.location)).toEqual(["publicBody"]);
    expect(details[0]!.message).toContain("お名前「花子」、電話番号「0299-11-2222」");
    // Kept explicitly: the phone number (a shop's, say) may stay; the name may not.
    const kept = new Set([findingKey({ kind: "phone", text: "0299-11-2222" })]);
    const left = checkPublication(leaky, { ...who, consentPublish: true }, "publish", kept);
    expect(left[0]!.message).not.toContain("電話番号");
    expect(left[0]!.message).toContain("お名前「花子」");
  });

  it("saving a draft skips consent and completeness but still refuses personal data", () => {
    const w = { ...nobody, name: "石岡 花子", consentPublish: false };
    expect(checkPublication({ publicSubject: "", publicBody: "" }, w, "save")).toEqual([]);
    expect(
      checkPublication({ publicSubject: "", publicBody: "花子より" }, w, "save").map(
        (d) => d.location,
      ),
    ).toEqual(["publicBody"]);
  });
});
