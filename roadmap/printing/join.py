"""Joining the printed parts of a roadmap into one tagged PDF (roadmap/printing/parts.py prints them).

Each part is a complete tagged PDF (PDF/UA-1, or PDF/A-3b) written by WeasyPrint. The first part,
which carries the cover, the document's metadata and language and the attachment, becomes the
document; the others are added to it:

- their pages, in order, with their links;
- their structure: each part's elements go under the one Document element, in a Part element of
  their own, and their numbers in the parent tree (the pages' StructParents, the links'
  StructParent) move past those of the parts before;
- named destinations: each name from the part that prints its target (the other parts hold an
  empty stand-in only so that WeasyPrint writes their links to it);
- the outline, rebuilt from every part's bookmarks at their pages in the whole;
- "Page N of M" over every page, from the page-number document, marked as an artifact.

Names a part made up on its own are made unique: the subset tags of its fonts (WeasyPrint derives
them from the font, so every part would name its own subset alike) and the IDs of its table header
cells (numbered from the part's own objects), which its data cells refer to.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise

from pikepdf import Array, Dictionary, Name, Object, ObjectStreamMode, PageCopyWarning, Pdf, String


class PartsShifted(RuntimeError):
    """The parts do not add up to the document they were laid out as; it is printed whole instead."""


@dataclass(frozen=True, slots=True)
class Part:
    pdf: bytes
    bookmarks: list  # WeasyPrint's bookmark tree: (title, (page, x, y), children, state), pages from 0
    landscape: tuple[bool, ...]  # for each page


def join_parts(parts: list[Part], page_numbers: bytes, owners: dict[str, int]) -> bytes:
    """One PDF of the parts in order, with "Page N of M" from ``page_numbers`` laid over each page."""
    whole = Pdf.open(BytesIO(parts[0].pdf))
    tree = whole.Root.StructTreeRoot
    document = tree.K[0]
    # The first part's elements go into a Part of their own too, as every other part's.
    first_part = whole.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Part, P=document, K=Array(list(document.K)))
    )
    for kid in first_part.K:
        kid.P = first_part
    document.K = Array([first_part])
    nums = list(tree.ParentTree.Nums)
    next_key = 1 + max((int(nums[k]) for k in range(0, len(nums), 2)), default=-1)
    destinations = _own_destinations(whole, whole, 0, owners)
    starts = [0]
    for index, part in enumerate(parts[1:], start=1):
        source = Pdf.open(BytesIO(part.pdf))
        _retag_fonts(source.pages, index)
        _rename_headers(source.Root.StructTreeRoot.K[0], index)
        first = len(whole.pages)
        starts.append(first)
        with warnings.catch_warnings():
            # The named destinations are carried over below, each from the part that owns it.
            warnings.simplefilter("ignore", PageCopyWarning)
            whole.pages.extend(source.pages)
        offset = next_key
        next_key = _add_structure(whole, source, document, nums, offset)
        for page in whole.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        destinations.update(_own_destinations(whole, source, index, owners))
    tree.ParentTree = whole.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = next_key
    _name_destinations(whole, destinations)
    _outline(whole, parts, starts)
    numbers = Pdf.open(BytesIO(page_numbers))
    _retag_fonts(numbers.pages, len(parts))
    _lay_over(whole, numbers)
    out = BytesIO()
    # Object streams, as WeasyPrint writes them: the parts' objects are compressed together again.
    whole.save(out, fix_metadata_version=False, object_stream_mode=ObjectStreamMode.generate)
    return out.getvalue()


def _add_structure(whole: Pdf, source: Pdf, document, nums: list, offset: int) -> int:
    """Bring a part's structure into the whole; returns the next free parent-tree key.

    The part's Document element becomes a Part under the whole's Document: the elements WeasyPrint
    keeps out of the tree (those of the page margins) name it as their parent, so it must stay.
    """
    part_tree = source.Root.StructTreeRoot
    part = whole.copy_foreign(part_tree.K[0])
    part.S, part.P = Name.Part, document
    document.K.append(part)
    part_nums = whole.copy_foreign(part_tree.ParentTree).Nums
    next_key = offset
    for k in range(0, len(part_nums), 2):
        key = int(part_nums[k]) + offset
        nums += [key, part_nums[k + 1]]
        next_key = max(next_key, key + 1)
    return next_key


def _retag_fonts(pages, index: int) -> None:
    """Give the font subsets of a part tags of their own (ISO 32000-1, 9.6.4: a tag names one subset)."""
    seen: set[tuple[int, int]] = set()

    def first_time(item) -> bool:
        if item.objgen == (0, 0):
            return True  # a direct object appears once
        if item.objgen in seen:
            return False
        seen.add(item.objgen)
        return True

    def retagged(name: Name) -> Name:
        tag, plus, rest = str(name)[1:].partition("+")
        if not plus or len(tag) != 6:
            return name
        digest = hashlib.sha256(f"{index}:{tag}".encode()).digest()
        return Name("/" + "".join(chr(65 + b % 26) for b in digest[:6]) + "+" + rest)

    def font(item) -> None:
        if not first_time(item):
            return
        if "/BaseFont" in item:
            item.BaseFont = retagged(item.BaseFont)
        for descendant in item.get("/DescendantFonts", Array()):
            font(descendant)
        descriptor = item.get("/FontDescriptor")
        if descriptor is not None and first_time(descriptor) and "/FontName" in descriptor:
            descriptor.FontName = retagged(descriptor.FontName)

    def resources(held) -> None:
        if held is None or not first_time(held):
            return
        for item in held.get("/Font", Dictionary()).values():
            font(item)
        for item in held.get("/XObject", Dictionary()).values():
            if item.get("/Subtype") == Name.Form:
                resources(item.get("/Resources"))

    for page in pages:
        resources(page.obj.get("/Resources"))


def _rename_headers(part_document, index: int) -> None:
    """Prefix the IDs of a part's table header cells, and the data cells' references to them."""
    prefix = f"part{index}-"
    stack = [part_document]
    while stack:
        element = stack.pop()
        if "/ID" in element:
            element.ID = String(prefix + str(element.ID))
        held = element.get("/A")
        if isinstance(held, Dictionary) and "/Headers" in held:
            held.Headers = Array([String(prefix + str(h)) for h in held.Headers])
        kids = element.get("/K")
        if isinstance(kids, Dictionary):
            kids = [kids]
        for kid in kids if kids is not None else ():
            if isinstance(kid, Dictionary) and "/S" in kid:
                stack.append(kid)


def _own_destinations(whole: Pdf, source: Pdf, index: int, owners: dict[str, int]) -> dict[str, Array]:
    names = source.Root.get("/Names", Dictionary()).get("/Dests", Dictionary()).get("/Names", Array())
    found = {}
    for k in range(0, len(names), 2):
        name = str(names[k])
        if owners.get(name) == index:
            found[name] = names[k + 1] if source is whole else _copied(whole, names[k + 1])
    return found


def _copied(whole: Pdf, value: Object) -> Object:
    """A part's object in the whole: indirect objects (pages, elements) are copied once and shared."""
    if not isinstance(value, Object):
        return value  # numbers and the like come out of pikepdf as Python values
    if value.is_indirect:
        return whole.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copied(whole, v) for v in value])
    if isinstance(value, Dictionary):
        return Dictionary({k: _copied(whole, v) for k, v in value.items()})
    return value


def _name_destinations(whole: Pdf, destinations: dict[str, Array]) -> None:
    flat = Array()
    for name in sorted(destinations, key=lambda n: n.encode("utf-8")):  # a name tree is in byte order
        flat.append(String(name))
        flat.append(destinations[name])
    if "/Names" not in whole.Root:
        whole.Root.Names = Dictionary()
    whole.Root.Names.Dests = whole.make_indirect(Dictionary(Names=flat))


def _outline(whole: Pdf, parts: list[Part], starts: list[int]) -> None:
    def moved(nodes, start):
        return [(t, (page + start, x, y), moved(kids, start), state) for t, (page, x, y), kids, state in nodes]

    nodes = [node for part, start in zip(parts, starts, strict=True) for node in moved(part.bookmarks, start)]
    root = whole.make_indirect(Dictionary(Type=Name.Outlines))
    items, count = _outline_items(whole, nodes, root)
    if items:
        root.First, root.Last, root.Count = items[0], items[-1], count
    whole.Root.Outlines = root


def _outline_items(whole: Pdf, nodes, parent) -> tuple[list, int]:
    # As WeasyPrint writes its own: Count is the items shown, negative under a closed one.
    items, count = [], 0
    for title, (page, x, y), kids, state in nodes:
        item = whole.make_indirect(
            Dictionary(Title=String(title), Parent=parent, Dest=Array([whole.pages[page].obj, Name.XYZ, x, y, 0]))
        )
        children, shown = _outline_items(whole, kids, item)
        if children:
            item.First, item.Last = children[0], children[-1]
            item.Count = shown if state != "closed" else -shown
        items.append(item)
        count += 1 + (shown if state != "closed" else 0)
    for a, b in pairwise(items):
        a.Next, b.Prev = b, a
    return items, count


def _lay_over(whole: Pdf, page_numbers: Pdf) -> None:
    if len(page_numbers.pages) != len(whole.pages):
        raise PartsShifted("the page numbers do not match the pages")
    for page, sheet in zip(whole.pages, page_numbers.pages, strict=True):
        form = whole.copy_foreign(sheet.as_form_xobject())
        name = page.add_resource(form, Name.XObject, prefix="PageNumber")
        page.contents_add(whole.make_stream(b"q\n"), prepend=True)
        page.contents_add(whole.make_stream(b"Q\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n"))
