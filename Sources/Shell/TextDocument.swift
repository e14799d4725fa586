/// Help and study text (`help`, `explain`) as structure: what each part is, not where it goes on a terminal.
///
/// Why: the text comes from the notes/ files' sections (a summary, a list of outcomes, the lines to try), and a
/// view decides the layout. The terminal renderer indents and wraps it at 100 columns (Render/TextLayout.swift);
/// the JSON renderer gives each block whole, a paragraph as one unwrapped string, so another program can lay it
/// out for its own width.
public struct TextDocument: Sendable, Equatable {
    /// One part of a document.
    public enum Block: Sendable, Equatable {
        /// The first line of an option's notes: its name and where it lives (`SO_LINGER  (SOL_SOCKET, option 13)`).
        case title(String)
        /// The heading of what follows (`What it does`, a command group); the terminal adds the colon.
        case heading(String)
        /// Prose; the terminal indents it and wraps it.
        case paragraph(String)
        /// One item of a list (an outcome, a quirk).
        case item(String)
        /// A labelled line that stands on its own (`usage: ...`, `example: ...`, `Related: ...`), never wrapped:
        /// a usage's spacing is part of it.
        case field(label: String, value: String)
        /// A labelled fact about the subject (`Linux default: ...`), indented under the title.
        case fact(label: String, value: String)
        /// A labelled piece of C (`type: struct linger { ... }`), indented like a fact but never wrapped: a
        /// declaration is not broken at a space.
        case code(label: String, value: String)
        /// A row of a two-column list: a name (command, option) and its one-line description.
        case entry(name: String, text: String)
        /// A command line to type, verbatim.
        case command(String)
        /// A closing remark, as one line.
        case remark(String)
    }

    public var blocks: [Block]

    public init(_ blocks: [Block] = []) { self.blocks = blocks }

    public static func += (doc: inout TextDocument, block: Block) { doc.blocks.append(block) }
}
