import Shell
import Testing

/// `# needs: netns` is read from the comment lines before a file's first command, as `# lab:` is.
@Suite("The # needs: netns header")
struct NetnsHeaderParseTests {
    @Test("found in the header, in any of its comment lines")
    func found() {
        for text in ["# needs: netns\n> socket udp\n", "# a lesson\n#\n#  needs: netns \r\n\n> x\n",
                     "\n#needs: netns\nsocket udp\n", "  # needs: netns"] {
            #expect(PrivateNamespace.isNeeded(byHeader: text[...]), "\(text)")
        }
    }

    @Test("not after the first command, not in other words")
    func notFound() {
        for text in ["> socket udp\n# needs: netns\n", "socket udp\n# needs: netns\n", "# needs: netns please\n",
                     "# lab: --lab\n", "", "# needs netns\n", "# NEEDS: NETNS\n"] {
            #expect(!PrivateNamespace.isNeeded(byHeader: text[...]), "\(text)")
        }
    }
}
