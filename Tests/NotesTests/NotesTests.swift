import Foundation
import NotesGen
import Shell
import SocketCore
import Testing

/// The notes/ text files (study notes in English and Korean, Korean help): complete, parallel between the two
/// languages, with "try it" lines that are real commands, and compiled in through a generated file that is current.
@Suite struct NotesTests {
    /// The repository root, from this file's path (Tests/NotesTests/NotesTests.swift).
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func tree() throws -> NotesTree { try NotesTree.load(root: root) }

    @Test("the generated NotesData.swift is what notes/ gives (else: swift run notes-gen)")
    func generatedFileIsCurrent() throws {
        let source = try Self.tree().swiftSource()
        let committed = try String(contentsOfFile: Self.root + "/" + NotesTree.generatedPath, encoding: .utf8)
        let a = source.split(separator: "\n", omittingEmptySubsequences: false)
        let b = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let k = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        #expect(source == committed,
                "\(NotesTree.generatedPath) is stale (line \(k + 1)): run `swift run notes-gen` in the repository")
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
        for (name, (en, ko)) in tree.options.sorted(by: { $0.key < $1.key }) {
            let sections = NotesFormat.noteSections.map(\.heading)
            #expect(en.headings.filter { !NotesFormat.metaHeadings.contains($0) } == sections, "notes/en/\(name).md")
            #expect(ko.headings == sections, "notes/ko/\(name).md")
            for field in ["outcomes", "quirks"] {
                let (e, k) = (en.fields[field]?.count ?? 0, ko.fields[field]?.count ?? 0)
                #expect(e == k, "\(name): \(field): \(e) items in English, \(k) in Korean")
            }
            #expect(en.fields["tryIt"] == ko.fields["tryIt"], "\(name): the Try it lines differ between languages")
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
            var handles: Set<String> = []
            // join and leave read a group of the socket's family: IPv6 after `socket udp 6`.
            var family = Platform.afInet
            for line in en.fields["tryIt"] ?? [] {
                let commands: [CommandWords]
                do throws(InputError) { commands = try Tokenizer.split(line) } catch {
                    Issue.record("\(name): try it '\(line)': \(error.message)")
                    continue
                }
                #expect(!commands.isEmpty, "\(name): try it '\(line)' holds no command")
                for var words in commands {
                    if words.tokens.first?.text.hasPrefix("@") == true { words.tokens.removeFirst() }
                    let command = words.tokens.first?.text ?? ""
                    guard CommandTable.spec(command.lowercased()) != nil else {
                        Issue.record("\(name): try it '\(line)': no command '\(command)'")
                        continue
                    }
                    // A handle named earlier (`as NAME`, or s<N>) stands for an address the sandbox cannot know.
                    if let k = words.tokens.firstIndex(where: { $0.text == "as" }), k + 1 < words.tokens.count {
                        handles.insert(words.tokens[k + 1].text)
                    }
                    if ["bind", "connect", "sendto"].contains(command), words.tokens.count > 1,
                       handles.contains(words.tokens[1].text) || words.tokens[1].text.wholeMatch(of: /s[0-9]+/) != nil
                    {
                        words.tokens[1].text = "127.0.0.1:9"
                    }
                    if command == "socket" {
                        let kind = words.tokens.dropFirst().prefix(2).map { $0.text.lowercased() }
                        family = kind.first == "unix" ? Platform.afUnix
                            : kind.contains("6") ? Platform.afInet6 : Platform.afInet
                    }
                    if let error = FuzzHooks.arguments(words, family: family) {
                        Issue.record("\(name): try it '\(line)': \(error.message)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func koreanHelpForEveryCommandAndGroup() throws {
        let tree = try Self.tree()
        for spec in CommandTable.all {
            #expect(tree.help[spec.name] != nil, "no notes/ko/help/\(spec.name).md")
        }
        for name in tree.help.keys { #expect(CommandTable.spec(name) != nil, "notes/ko/help/\(name).md: no command") }
        #expect(Set(tree.groups.map(\.0)) == Set(CommandTable.groups), "notes/ko/help/_groups.md")
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
