import Foundation
import NotesGen
import Shell
import SocketCore
import Testing

/// The notes/ text files (study notes and command help, in English and Korean): complete, parallel between the two
/// languages, with "try it" and example lines that are real commands, and compiled in through a generated file
/// (and a man-page option list) that is current.
@Suite struct NotesTests {
    /// The repository root, from this file's path (Tests/NotesTests/NotesTests.swift).
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func tree() throws -> NotesTree { try NotesTree.load(root: root) }

    @Test("the generated Swift compiles what notes/ gives: every option's notes and every command's help")
    func generatedSwiftHoldsEveryNote() throws {
        // The plugin compiles this very text into the shell; the help and explain tests read it back through
        // the shell. Here: nothing is lost on the way, and no text can end a Swift literal early.
        let tree = try Self.tree()
        let source = tree.swiftSource()
        for name in tree.options.keys { #expect(source.contains("        \"\(name)\": "), "\(name)") }
        for name in tree.help.keys { #expect(source.contains("        \"\(name)\": CommandHelp("), "\(name)") }
    }

    @Test("the man page's option list is what notes/ gives (else: make notes)")
    func manPageOptionListIsCurrent() throws {
        let page = try String(contentsOfFile: Self.root + "/" + NotesTree.manPath, encoding: .utf8)
        let order = OptionCatalog.all.map { (name: $0.name, level: Platform.levelName($0.level)) }
        let generated = try Self.tree().manPage(page, order: order)
        #expect(generated == page, "\(NotesTree.manPath)'s option list is stale: run `make notes` in the repository")
        // Every option of the catalog is in it, under its level.
        for o in order { #expect(generated.contains(".It Dv \(o.name)\n"), "no .It Dv \(o.name)") }
    }

    @Test func everyOptionHasNotesInBothLanguages() throws {
        let tree = try Self.tree()
        let catalog = Set(OptionCatalog.all.map(\.name))
        for name in catalog.sorted() {
            #expect(tree.options[name] != nil, "no notes/en/\(name).md and notes/ko/\(name).md")
        }
        for name in tree.options.keys.sorted() {
            #expect(catalog.contains(name), "notes/en/\(name).md: no option \(name) in OptionCatalog")
        }
    }

    @Test func bothLanguagesHaveTheSameSections() throws {
        let tree = try Self.tree()
        let required = NotesFormat.noteSections.filter { !$0.optional }.map(\.heading)
        for (name, (en, ko)) in tree.options.sorted(by: { $0.key < $1.key }) {
            let enSections = en.headings.filter { !NotesFormat.metaHeadings.contains($0) }
            #expect(required.allSatisfy(enSections.contains), "notes/en/\(name).md lacks a section")
            #expect(ko.headings == enSections, "notes/ko/\(name).md: not the sections of notes/en/\(name).md")
            for field in ["outcomes", "quirks"] {
                let (e, k) = (en.fields[field]?.count ?? 0, ko.fields[field]?.count ?? 0)
                #expect(e == k, "\(name): \(field): \(e) items in English, \(k) in Korean")
            }
            #expect(en.fields["tryIt"] == ko.fields["tryIt"], "\(name): the Try it lines differ between languages")
            #expect((en.fields["wire"] == nil) == (ko.fields["wire"] == nil), "\(name): On the wire in one language")
            #expect(en.fields.values.allSatisfy { $0.allSatisfy { !Self.hasHangul($0) } }, "\(name): Hangul in en")
            #expect(ko.fields["summary"]?.contains { Self.hasHangul($0) } == true, "\(name): ko summary not Korean")
        }
    }

    @Test func relatedOptionsAndExamplesExist() throws {
        let tree = try Self.tree()
        for (name, (en, _)) in tree.options {
            for r in en.related { #expect(tree.options[r] != nil, "notes/en/\(name).md: related \(r) has no notes") }
            if let ex = en.example {
                #expect(FileManager.default.fileExists(atPath: Self.root + "/" + ex), "notes/en/\(name).md: no \(ex)")
            }
        }
    }

    /// Every "try it" line tokenizes, names a command of the table, and its arguments parse as that command would
    /// parse them (FuzzHooks.arguments, the command's own parse) for the kind of socket the lines made last;
    /// nothing is run.
    @Test func everyTryItLineParsesAsCommands() throws {
        let tree = try Self.tree()
        var checked = 0
        for (name, (en, _)) in tree.options.sorted(by: { $0.key < $1.key }) {
            checked += Self.parseCheck(en.fields["tryIt"] ?? [], in: "\(name): try it")
        }
        #expect(checked > 100)
    }

    /// Every help example (notes/en/help/COMMAND.md's Example) is a command line that parses, and uses the command
    /// it is the example of.
    @Test func everyHelpExampleParsesAsItsCommand() throws {
        let tree = try Self.tree()
        for (name, (en, _)) in tree.help.sorted(by: { $0.key < $1.key }) {
            let example = en.example ?? ""
            // The examples name sockets of a session the reader imagines (srv, u2).
            #expect(Self.parseCheck([example], in: "notes/en/help/\(name).md: example", handles: ["srv", "u2"]) == 1)
            let words = example.split(separator: " ").drop { $0.hasPrefix("@") }
            #expect(words.first.map(String.init) == name, "notes/en/help/\(name).md: the example '\(example)'")
        }
    }

    /// Checks that each line tokenizes into commands of the table whose arguments parse; returns the number of
    /// commands checked. Handles named earlier (`as NAME`, or s<N>) stand for an address the sandbox cannot know.
    static func parseCheck(_ lines: [String], in context: String, handles known: Set<String> = []) -> Int {
        var checked = 0
        var handles = known
        // join and leave read a group of the socket's family: IPv6 after `socket udp 6`.
        var family = Platform.afInet
        for line in lines {
            let commands: [CommandWords]
            do throws(InputError) { commands = try Tokenizer.split(line) } catch {
                Issue.record("\(context) '\(line)': \(error.message)")
                continue
            }
            #expect(!commands.isEmpty, "\(context) '\(line)' holds no command")
            for var words in commands {
                if words.tokens.first?.text.hasPrefix("@") == true { words.tokens.removeFirst() }
                let command = words.tokens.first?.text ?? ""
                guard CommandTable.spec(command.lowercased()) != nil else {
                    Issue.record("\(context) '\(line)': no command '\(command)'")
                    continue
                }
                if let k = words.tokens.firstIndex(where: { $0.text == "as" }), k + 1 < words.tokens.count {
                    handles.insert(words.tokens[k + 1].text)
                }
                if ["bind", "connect", "sendto", "sendmsg"].contains(command), words.tokens.count > 1,
                   handles.contains(words.tokens[1].text) || words.tokens[1].text.wholeMatch(of: /s[0-9]+/) != nil
                {
                    words.tokens[1].text = "127.0.0.1:9"
                }
                if command == "socket" {
                    let kind = words.tokens.dropFirst().prefix(2).map { $0.text.lowercased() }
                    family = kind.first == "unix" ? Platform.afUnix
                        : kind.contains("6") ? Platform.afInet6 : Platform.afInet
                }
                // The parse reads the session, and the scratch session has no lab, no sockets and writes no files:
                // those refusals are about the session, not the words.
                let stateful = ["no lab in this session", "sandboxed session", "no socket named"]
                if let error = FuzzHooks.arguments(words, family: family),
                   !stateful.contains(where: { error.message.hasPrefix($0) }) {
                    Issue.record("\(context) '\(line)': \(error.message)")
                }
                checked += 1
            }
        }
        return checked
    }

    @Test func everyCommandHasHelpInBothLanguagesWithTheSameSections() throws {
        let tree = try Self.tree()
        for spec in CommandTable.all {
            #expect(tree.help[spec.name] != nil, "no notes/en/help/\(spec.name).md and notes/ko/help/\(spec.name).md")
        }
        for name in tree.help.keys { #expect(CommandTable.spec(name) != nil, "notes/*/help/\(name).md: no command") }
        for (name, (en, ko)) in tree.help.sorted(by: { $0.key < $1.key }) {
            #expect(en.headings.filter { $0 != "Example" } == ko.headings, "notes/ko/help/\(name).md: the sections")
            #expect(!Self.hasHangul(en.summary + (en.details ?? "")), "notes/en/help/\(name).md: Hangul")
            #expect(Self.hasHangul(ko.summary), "notes/ko/help/\(name).md: the summary is not Korean")
            if let d = ko.details { #expect(Self.hasHangul(d), "notes/ko/help/\(name).md: the details are not Korean") }
        }
        #expect(Set(tree.groups.map(\.0)) == Set(CommandTable.groups), "notes/ko/help/_groups.md")
    }

    @Test func helpReaderWantsTheSectionsOfItsLanguage() throws {
        let en = "# use\n\n## Summary\n\nmake NAME current\n\n## Example\n\n```\nuse srv\n```\n"
        let h = try NotesFormat.help(en, name: "use", english: true, file: "x.md")
        #expect(h.summary == "make NAME current" && h.details == nil && h.example == "use srv")
        for (text, english) in [(en, false), ("# use\n\n## Summary\n\nx\n", true)] {
            do throws(NotesError) {
                _ = try NotesFormat.help(text, name: "use", english: english, file: "x.md")
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.message.hasPrefix("the sections are"), "\(error)")
            }
        }
    }

    // MARK: the reader's errors name the file and line

    static let good = """
        # SO_X

        ## Summary

        One
        line.

        ## C type

        int

        ## Linux default

        0

        ## Effect

        e

        ## When to set

        w

        ## Outcomes

        - a
          b
        - c

        ## Quirks

        ## Try it

        ```
        socket tcp
        ```

        """

    @Test func readerReadsTheFormat() throws {
        let n = try NotesFormat.option(Self.good, name: "SO_X", english: false, file: "x")
        #expect(n.fields["summary"] == ["One line."])
        #expect(n.fields["outcomes"] == ["a b", "c"])
        #expect(n.fields["quirks"] == [])
        #expect(n.fields["tryIt"] == ["socket tcp"])
    }

    @Test(arguments: [
        ("## Effect", "## Efect", 16, "unknown section 'Efect'"),
        ("One\nline.", "One\n\nline.", 6, "one paragraph only"),
        ("- c", "c", 28, "a list item starts with '- '"),
        ("## C type", "## Related", 8, "unknown section 'Related'"),
        ("# SO_X", "# SO_Y", 1, "the title is 'SO_Y'"),
    ])
    func readerErrorsNameTheLine(_ from: String, _ to: String, _ line: Int, _ message: String) {
        let text = Self.good.replacingOccurrences(of: from, with: to)
        do throws(NotesError) {
            _ = try NotesFormat.option(text, name: "SO_X", english: false, file: "x.md")
            Issue.record("no error for \(to)")
        } catch {
            #expect(error.line == line && error.message.hasPrefix(message), "\(error)")
        }
    }

    static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }
}
