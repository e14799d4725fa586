extension JSONRenderer {
    /// `{"event":"text","lines":[...],"blocks":[...]}`: help and study text.
    ///
    /// `lines` is the terminal's layout (what `--json` gave before there were blocks; kept for the programs that
    /// read it); `blocks` is the document itself, one object per block with its `kind` and its `text` whole, a
    /// paragraph unwrapped: `title`, `heading` (without the terminal's colon), `paragraph`, `item`, `command`,
    /// `remark`; `field`, `fact` and `code` add `label`, `entry` adds `name`. The man page's JSON OUTPUT lists them.
    static func text(_ doc: TextDocument) -> String {
        var blocks: [String] = []
        for block in doc.blocks {
            let kind: String
            var extra = ""
            let text: String
            switch block {
            case .title(let s): (kind, text) = ("title", s)
            case .heading(let s): (kind, text) = ("heading", s)
            case .paragraph(let s): (kind, text) = ("paragraph", s)
            case .item(let s): (kind, text) = ("item", s)
            case .command(let s): (kind, text) = ("command", s)
            case .remark(let s): (kind, text) = ("remark", s)
            case .field(let label, let value):
                (kind, text) = ("field", value)
                extra = ",\"label\":" + string(label)
            case .fact(let label, let value):
                (kind, text) = ("fact", value)
                extra = ",\"label\":" + string(label)
            case .code(let label, let value):
                (kind, text) = ("code", value)
                extra = ",\"label\":" + string(label)
            case .entry(let name, let s):
                (kind, text) = ("entry", s)
                extra = ",\"name\":" + string(name)
            }
            blocks.append("{\"kind\":\"\(kind)\"" + extra + ",\"text\":" + string(text) + "}")
        }
        return "{\"event\":\"text\",\"lines\":" + array(TextLayout.lines(doc)) + ",\"blocks\":["
            + blocks.joined(separator: ",") + "]}"
    }
}
