"""TBX (ISO 30042:2019, TBX-Basic dialect, DCA style) export and import.

Layout written::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader>…</tbxHeader>
      <text><body>
        <conceptEntry id="islamic-state">
          <descrip type="subjectField">organisation</descrip>     (our ``type``)
          <note>…</note>
          <l10n:flags xmlns:l10n="urn:l10n:glossary" caseSensitive="yes" dnt="fr es"/>
          <langSec xml:lang="en">
            <termSec><term>Islamic State</term>
              <termNote type="partOfSpeech">properNoun</termNote>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
            <termSec><term>IS</term> … admittedTerm-admn-sts …</termSec>
          </langSec>
          <langSec xml:lang="ar"> … forbidden renderings are deprecatedTerm-admn-sts … </langSec>

TBX-Basic has no data category for case sensitivity or do-not-translate, so those travel in one element
of our own namespace, which TBX tools ignore; everything else is standard.  Import also accepts the
2008 layout (``martif``/``termEntry``/``langSet``/``tig``) and ``termEntry`` under ``tbx``.

Parsing never expands entities: a document with a DOCTYPE (and so any ENTITY declaration) is
rejected before a single element is built, which rules out "billion laughs" and external entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from l10n.errors import InputError
from l10n.glossary.model import FrozenMap, Glossary, Term, lang_key

__all__ = ["export_tbx", "import_tbx", "TBX_NS", "L10N_NS"]

TBX_NS = "urn:iso:std:iso:30042:ed-2"
L10N_NS = "urn:l10n:glossary"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_LANG = f"{{{XML_NS}}}lang"

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"

#: Our ``type`` -> TBX-Basic partOfSpeech (named entities are proper nouns).
_POS = {"term": "noun", "": "noun", "other": "other"}
_XML_BAD = {c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {0xFFFE, 0xFFFF}


def _bcp47(lang: str) -> str:
    return lang.replace("_", "-")


def _check_xml_text(value: str, what: str, term: Term) -> str:
    for ch in value:
        code = ord(ch)
        if code in _XML_BAD or 0xD800 <= code <= 0xDFFF:
            raise InputError(f"{term.where}: {what} contains U+{code:04X}, which XML cannot carry")
    return value


def _t(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def export_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document (a ``str``, XML declaration included)."""
    ET.register_namespace("", TBX_NS)
    ET.register_namespace("l10n", L10N_NS)
    root = ET.Element(_t("tbx"), {"type": "TBX-Basic", "style": "dca", _LANG: "en"})
    header = ET.SubElement(root, _t("tbxHeader"))
    file_desc = ET.SubElement(header, _t("fileDesc"))
    source_desc = ET.SubElement(file_desc, _t("sourceDesc"))
    ET.SubElement(source_desc, _t("p")).text = "Terminology glossary exported by l10n"
    body = ET.SubElement(ET.SubElement(root, _t("text")), _t("body"))
    for term in glossary:
        _export_term(body, term)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode", xml_declaration=False)
    # ElementTree writes a CR in text content raw, and every parser turns it into LF: keep it as a
    # character reference instead so notes survive byte for byte.
    xml = xml.replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def _export_term(body: ET.Element, term: Term) -> None:
    entry = ET.SubElement(body, _t("conceptEntry"), {"id": _check_xml_text(term.id, "id", term)})
    if term.type:
        ET.SubElement(entry, _t("descrip"), {"type": "subjectField"}).text = _check_xml_text(
            term.type, "type", term
        )
    if term.note:
        ET.SubElement(entry, _t("note")).text = _check_xml_text(term.note, "note", term)
    flags = {}
    if term.case_sensitive:
        flags["caseSensitive"] = "yes"
    if term.dnt:
        flags["dnt"] = " ".join(term.dnt_langs) if term.dnt_langs else "yes"
    if term.grammar:  # es:gender=f,number=sg fr:gender=m
        flags["grammar"] = " ".join(f"{lang}:{','.join(items)}" for lang, items in term.grammar.items())
    if flags:
        ET.SubElement(entry, f"{{{L10N_NS}}}flags", flags)
    pos = _POS.get(term.type, "properNoun")
    source = [(term.source, PREFERRED)] if term.source else []
    _lang_sec(entry, "en", source + [(v, ADMITTED) for v in term.variants], pos, term)
    for lang in term.languages:
        approved = term.translations.get(lang, ())
        items = [(r, PREFERRED if i == 0 else ADMITTED) for i, r in enumerate(approved)]
        items += [(f, DEPRECATED) for f in term.forbidden.get(lang, ())]
        _lang_sec(entry, lang, items, pos, term)


def _lang_sec(entry: ET.Element, lang: str, items: list[tuple[str, str]], pos: str, term: Term) -> None:
    if not items:
        return
    sec = ET.SubElement(entry, _t("langSec"), {_LANG: _bcp47(lang)})
    for text, status in items:
        term_sec = ET.SubElement(sec, _t("termSec"))
        ET.SubElement(term_sec, _t("term")).text = _check_xml_text(text, "term", term)
        ET.SubElement(term_sec, _t("termNote"), {"type": "partOfSpeech"}).text = pos
        ET.SubElement(term_sec, _t("termNote"), {"type": "administrativeStatus"}).text = status


# --------------------------------------------------------------------------- import


class _SafeBuilder:
    """Builds an ElementTree with expat, refusing DTDs, and records each element's line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.builder = ET.TreeBuilder()
        self.lines: dict[int, int] = {}
        self.parser = expat.ParserCreate(namespace_separator="}")
        p = self.parser
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self._refuse
        p.EntityDeclHandler = self._refuse
        p.UnparsedEntityDeclHandler = self._refuse
        p.ExternalEntityRefHandler = self._refuse
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self.builder.data
        p.buffer_text = True
        p.ordered_attributes = False

    def _refuse(self, *_args: object) -> None:
        raise InputError(
            f"{self.path}:{self.parser.CurrentLineNumber}: DOCTYPE/ENTITY declarations are not allowed in TBX "
            "(entity expansion is refused)"
        )

    @staticmethod
    def _name(name: str) -> str:
        return "{" + name if "}" in name else name

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        elem = self.builder.start(self._name(name), {self._name(k): v for k, v in attrs.items()})
        self.lines[id(elem)] = self.parser.CurrentLineNumber

    def _end(self, name: str) -> None:
        self.builder.end(self._name(name))

    def parse(self, text: str) -> ET.Element:
        try:
            self.parser.Parse(text.encode("utf-8"), True)
        except expat.ExpatError as exc:
            raise InputError(
                f"{self.path}:{exc.lineno}: malformed TBX: {expat.ErrorString(exc.code)}"
            ) from exc
        return self.builder.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) in names]


def import_tbx(text: str, path: str = "<tbx>") -> Glossary:
    """Parse a TBX document into a :class:`Glossary` (inverse of :func:`export_tbx`)."""
    text = text.removeprefix("\ufeff")
    if text.startswith("<?xml"):  # the declaration may name an encoding; we already hold text
        end = text.find("?>")
        text = '<?xml version="1.0"?>' + text[end + 2 :] if end != -1 else text
    builder = _SafeBuilder(path)
    root = builder.parse(text)
    if _local(root.tag) not in ("tbx", "martif"):
        raise InputError(f"{path}:1: not a TBX document (root element <{_local(root.tag)}>)")
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    terms = [_import_entry(e, builder.lines.get(id(e), 0), path) for e in entries]
    langs: list[str] = []
    for term in terms:
        langs.extend(term.languages)
    return Glossary(tuple(terms), tuple(dict.fromkeys(langs)))


def _import_entry(entry: ET.Element, line: int, path: str) -> Term:
    term_type = ""
    notes: list[str] = []
    case_sensitive = False
    dnt, dnt_langs = False, ()
    source, variants = "", []
    translations: dict[str, list[str]] = {}
    forbidden: dict[str, list[str]] = {}
    grammar: dict[str, list[str]] = {}
    for child in entry:
        name = _local(child.tag)
        if name in ("descrip", "descripGrp") and _descrip_type(child) == "subjectField":
            term_type = _descrip_text(child)
        elif name == "note":
            notes.append(child.text or "")
        elif child.tag == f"{{{L10N_NS}}}flags":
            case_sensitive = child.get("caseSensitive", "no") == "yes"
            value = child.get("dnt", "")
            if value:
                dnt = True
                dnt_langs = () if value == "yes" else tuple(value.split())
            for item in child.get("grammar", "").split():
                lang, _, values = item.partition(":")
                grammar[lang] = [v for v in values.split(",") if "=" in v]
        elif name in ("langSec", "langSet"):
            lang = lang_key(child.get(_LANG) or child.get("lang") or "")
            if not lang:
                raise InputError(f"{path}:{line}: <{name}> without xml:lang")
            for text, status in _terms_of(child):
                if lang.split("_")[0] == "en":
                    if status == PREFERRED and not source:
                        source = text
                    elif status not in (DEPRECATED, SUPERSEDED):
                        variants.append(text)
                elif status in (DEPRECATED, SUPERSEDED):
                    forbidden.setdefault(lang, []).append(text)
                else:
                    translations.setdefault(lang, []).append(text)
    if not source and variants:
        source = variants.pop(0)
    return Term(
        id=entry.get("id") or entry.get(f"{{{XML_NS}}}id") or "",
        source=source,
        variants=tuple(variants),
        translations=FrozenMap(translations),
        forbidden=FrozenMap(forbidden),
        grammar=FrozenMap(grammar),
        dnt=dnt,
        dnt_langs=dnt_langs,
        case_sensitive=case_sensitive,
        type=term_type,
        note="\n".join(notes),
        path=path,
        line=line,
    )


def _descrip_type(elem: ET.Element) -> str:
    if _local(elem.tag) == "descripGrp":
        inner = _children(elem, "descrip")
        return inner[0].get("type", "") if inner else ""
    return elem.get("type", "")


def _descrip_text(elem: ET.Element) -> str:
    if _local(elem.tag) == "descripGrp":
        inner = _children(elem, "descrip")
        return (inner[0].text or "") if inner else ""
    return elem.text or ""


def _terms_of(lang_sec: ET.Element) -> list[tuple[str, str]]:
    """(term, administrativeStatus) for each termSec / tig / ntig (partOfSpeech is derived from type)."""
    out = []
    for sec in _children(lang_sec, "termSec", "tig", "ntig"):
        holder = sec
        if _local(sec.tag) == "ntig":
            grp = _children(sec, "termGrp")
            holder = grp[0] if grp else sec
        term_elems = _children(holder, "term")
        if not term_elems:
            continue
        text = "".join(term_elems[0].itertext())
        status = ADMITTED
        for note in sec.iter():
            if _local(note.tag) == "termNote" and note.get("type") == "administrativeStatus":
                status = (note.text or "").strip()
        out.append((text, status))
    return out
