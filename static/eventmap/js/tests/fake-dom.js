/* A small fake document for the tests: elements, text nodes, attributes and a serialiser that escapes
 * text as a browser's would. Setting innerHTML/outerHTML or calling insertAdjacentHTML throws, so a
 * module that puts markup into the page fails its test.
 */

const REFLECTED = ["href", "target", "rel", "title", "type", "value", "lang", "dir", "id"];

function escapeText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text) {
  return escapeText(text).replace(/"/g, "&quot;");
}

class FakeText {
  constructor(text) {
    this.nodeType = 3;
    this.data = String(text);
  }
  get textContent() {
    return this.data;
  }
  serialize() {
    return escapeText(this.data);
  }
}

class FakeElement {
  constructor(tag, namespace) {
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.localName = tag;
    this.namespaceURI = namespace || "http://www.w3.org/1999/xhtml";
    this.attributes = new Map();
    this.childNodes = [];
    this.hidden = false;
    this.listeners = {};
    const classes = new Set();
    this.classList = {
      toggle: (name, on) => (on ? classes.add(name) : classes.delete(name)),
      contains: (name) => classes.has(name),
    };
    this.style = {
      setProperty: (name, value) => {
        this.style[name] = value;
      },
    };
    for (const name of REFLECTED) {
      Object.defineProperty(this, name, {
        get: () => this.getAttribute(name) ?? "",
        set: (value) => this.setAttribute(name, value),
      });
    }
  }
  get className() {
    return this.getAttribute("class") ?? "";
  }
  set className(value) {
    this.setAttribute("class", value);
  }
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  appendChild(node) {
    this.childNodes.push(node);
    return node;
  }
  addEventListener(type, fn) {
    if (!this.listeners[type]) this.listeners[type] = [];
    this.listeners[type].push(fn);
  }
  dispatch(type, event = {}) {
    for (const fn of this.listeners[type] || []) fn({ target: this, ...event });
  }
  get children() {
    return this.childNodes.filter((node) => node.nodeType === 1);
  }
  get textContent() {
    return this.childNodes.map((node) => node.textContent).join("");
  }
  set textContent(text) {
    this.childNodes = text === "" || text === null || text === undefined ? [] : [new FakeText(text)];
  }
  set innerHTML(_) {
    throw new Error("innerHTML: markup put into the page");
  }
  set outerHTML(_) {
    throw new Error("outerHTML: markup put into the page");
  }
  insertAdjacentHTML() {
    throw new Error("insertAdjacentHTML: markup put into the page");
  }
  // Every element below this one (depth first), this one included.
  all() {
    return [this, ...this.children.flatMap((child) => child.all())];
  }
  find(predicate) {
    return this.all().filter(predicate);
  }
  serialize() {
    const attributes = [...this.attributes].map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
    const inner = this.childNodes.map((node) => node.serialize()).join("");
    return `<${this.localName}${attributes}>${inner}</${this.localName}>`;
  }
}

export function fakeDocument() {
  const byId = new Map();
  return {
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (namespace, tag) => new FakeElement(tag, namespace),
    createTextNode: (text) => new FakeText(text),
    getElementById: (id) => byId.get(id) || null,
    documentElement: new FakeElement("html"),
    // An element registered under `id` (the page's skeleton, for the modules that look elements up).
    add(id, tag = "div") {
      const element = new FakeElement(tag);
      element.id = id;
      byId.set(id, element);
      return element;
    },
  };
}
