/* Data texts that would run or break a page if they were put in as markup, for the tests of every module
 * that puts data into the page. */

export const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "</script><script>alert(2)</script>",
  '"><svg onload=alert(1)>',
  "\u202Eكاراباخ\u200F & <b>Shusha</b>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: data text that looks like a template, on purpose
  "{{ config }} & ${x}",
];

const RUNNABLE = ["script", "img", "iframe", "object", "embed", "style", "b", "svg"];

// Nothing under `root` that runs or loads anything: no element of such a kind beyond those `allowed`
// (made by the module itself), no event-handler attribute, links only to http(s).
export function assertInert(assert, root, allowed = []) {
  for (const element of root.all()) {
    if (!allowed.includes(element.localName)) assert.ok(!RUNNABLE.includes(element.localName), element.localName);
    for (const [name] of element.attributes) assert.ok(!/^on/i.test(name), name);
    if (element.localName === "a") assert.match(element.getAttribute("href"), /^https?:\/\//);
  }
}
