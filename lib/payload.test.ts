import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseData } from "./check";
import { buildIndex, controlAt, stateKey } from "./control-index";
import { readDataFiles } from "./data-files";
import { parseDay } from "./dates";
import { claimsFromPayload, toAtlasPayload } from "./payload";

describe("the browser's engine payload", () => {
  it("gives the browser exactly the server's states on any day", () => {
    const ds = parseData(readDataFiles(path.join(__dirname, "..")));
    const payload = JSON.parse(JSON.stringify(toAtlasPayload(ds)));
    const server = buildIndex(ds);
    const browser = buildIndex({ places: payload.places, claims: claimsFromPayload(payload), sides: payload.sides, actors: payload.actors });
    for (const iso of ["2011-03-06", "2011-08-30", "2014-09-01", "2016-12-20", "2019-04-10", "2019-04-04", "2020-06-05", "2023-01-01"]) {
      const day = parseDay(iso)!;
      expect(controlAt(browser, day).map(stateKey), iso).toEqual(controlAt(server, day).map(stateKey));
    }
    expect(browser.changeDays).toEqual(server.changeDays);
  });
});
