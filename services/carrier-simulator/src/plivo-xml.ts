/** One element of a Plivo XML document: `<Dial callerId="…"><Number>…</Number></Dial>`. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded, trimmed), e.g. a `<Number>` or `<Speak>`. */
  text: string;
}

export class XmlSyntaxError extends Error {}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Reads the answer XML our webhooks return — a `<Response>` of elements with attributes and text, as
 * the SDK's builder writes it. Enough of XML for that (no DTDs, no CDATA); anything else is a syntax
 * error, which the simulated carrier treats as Plivo does a broken answer: the call ends.
 */
export function parsePlivoXml(xml: string): XmlElement {
  const source = xml
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  let position = 0;
  while (position < source.length) {
    const next = source.indexOf('<', position);
    const text = source.slice(position, next === -1 ? source.length : next);
    if (text.trim()) {
      if (open.length === 1) throw new XmlSyntaxError('text outside the root element');
      open[open.length - 1].text += decodeEntities(text);
    }
    if (next === -1) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(source);
    if (!tag) throw new XmlSyntaxError(`malformed tag at offset ${next}`);
    const [whole, closing, name, attributeText, selfClosing] = tag;
    position = next + whole.length;
    if (closing) {
      const current = open.pop();
      if (!current || current === root || current.name !== name)
        throw new XmlSyntaxError(`</${name}> does not close <${current?.name ?? 'nothing'}>`);
      current.text = current.text.trim();
      continue;
    }
    const element: XmlElement = { name, attributes: attributesOf(attributeText), children: [], text: '' };
    open[open.length - 1].children.push(element);
    if (!selfClosing) open.push(element);
  }
  if (open.length !== 1) throw new XmlSyntaxError(`<${open[open.length - 1].name}> is never closed`);
  const [document, ...others] = root.children;
  if (!document || others.length || document.name !== 'Response') throw new XmlSyntaxError('the document must be one <Response> element');
  return document;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
  return attributes;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED[entity] ?? whole;
  });
}

/** Plivo's boolean attributes are the words true/false. */
export function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
