import { describe, expect, it } from "vitest";
import { personName, personTitle, readActorLabel } from "./people.ts";

const people = new Map([[3, "デモ入力担当（行革推進課）"]]);

describe("personName", () => {
  it("names a member by display name and section, never by user id", () => {
    expect(personName("user:3 editor@demo.invalid", people)).toBe("デモ入力担当（行革推進課）");
    expect(personName("user:3 editor@demo.invalid token:7", people)).toBe(
      "デモ入力担当（行革推進課）",
    );
  });
  it("names a former member by e-mail, and the machine by what it is", () => {
    expect(personName("user:9 gone@city.example", people)).toBe("gone@city.example");
    expect(personName("cli", people)).toBe("コマンド（CLI）");
    expect(personName("system", people)).toBe("システム");
    expect(personName(null, people)).toBe("—");
  });
  it("reads the token of a label", () => {
    expect(readActorLabel("user:3 a@b.c token:7")).toEqual({
      userId: 3,
      email: "a@b.c",
      tokenId: 7,
    });
    expect(readActorLabel("cli")).toBeUndefined();
  });
});

describe("personTitle", () => {
  it("adds the sections the display name does not already name", () => {
    expect(
      personTitle({
        displayName: "デモ入力担当（行革推進課）",
        email: "e",
        sections: ["行革推進課"],
      }),
    ).toBe("デモ入力担当（行革推進課）");
    expect(personTitle({ displayName: "山田", email: "e", sections: ["企画課", "財政課"] })).toBe(
      "山田（企画課・財政課）",
    );
    expect(personTitle({ displayName: " ", email: "a@b.c", sections: [] })).toBe("a@b.c");
  });
});
