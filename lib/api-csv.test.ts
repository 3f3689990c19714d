import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "./api-csv";

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("Tripoli")).toBe("Tripoli");
    expect(csvCell("طرابلس")).toBe("طرابلس");
  });
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });
  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+33 1")).toBe("'+33 1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=x")).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });
  it("writes numbers, booleans and nothing as they are", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("toCsv", () => {
  it("starts with a BOM and ends rows with CRLF", () => {
    const csv = toCsv(["a", "b"], [["1", "x,y"]]);
    expect(csv).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });
  it("reads back as written, for any text (apart from the formula apostrophe)", () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 2 }), { maxLength: 8 }),
      (rows) => {
        const back = parseCsv(toCsv(["a", "b"], rows));
        const expected = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(back).toEqual([["a", "b"], ...expected]);
      },
    ), { numRuns: 300 });
  });
});
