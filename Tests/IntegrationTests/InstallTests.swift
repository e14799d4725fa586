// `make install` and `make uninstall` into a temporary DESTDIR: the binary, the man page and the bash, zsh and
// fish completions, each where its shell looks.

import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("make install")
struct InstallTests {
    @Test("make install puts binary, man page and completions under DESTDIR+PREFIX; make uninstall removes them")
    func installAndUninstall() throws {
        guard (try? runSubprocess("make", ["--version"], timeout: 10))?.status == 0 else {
            print("SKIPPED make install: no `make` on PATH")
            return
        }
        let binary = try sockshellBinary()
        let dest = try makeTemporaryDirectory("sockshell-install")
        defer { removeTree(dest) }
        // BIN= installs the binary under test: no release build in the test run.
        let common = ["-s", "-C", Examples.packageRoot, "BIN=\(binary)", "DESTDIR=\(dest)", "PREFIX=/opt/sock"]
        let r = try runSubprocess("make", ["install"] + common, timeout: 60)
        #expect(r.status == 0, "\(r.summary)")
        let files = [
            "/opt/sock/bin/sockshell", "/opt/sock/share/man/man1/sockshell.1",
            "/opt/sock/share/bash-completion/completions/sockshell", "/opt/sock/share/zsh/site-functions/_sockshell",
            "/opt/sock/share/fish/vendor_completions.d/sockshell.fish",
        ]
        for f in files { #expect(access(dest + f, R_OK) == 0, "missing \(f)") }
        #expect(access(dest + files[0], X_OK) == 0)
        let version = try runSubprocess(dest + files[0], ["--version"], timeout: 10)
        #expect(version.status == 0 && !version.stdout.isEmpty, "\(version.summary)")
        #expect(try readTextFile(dest + files[1]) == readTextFile(Examples.packageRoot + "/man/sockshell.1"))
        #expect(try readTextFile(dest + files[2]).contains("sockshell"))
        #expect(try readTextFile(dest + files[3]).hasPrefix("#compdef sockshell"))
        #expect(try readTextFile(dest + files[4]).contains("complete -c 'sockshell'"))
        let u = try runSubprocess("make", ["uninstall"] + common, timeout: 60)
        #expect(u.status == 0, "\(u.summary)")
        for f in files { #expect(access(dest + f, F_OK) != 0, "left behind: \(f)") }
    }
}

@Suite("make release output")
struct ReleaseOutputTests {
    /// The release link of the static FoundationEssentials warns that mktemp is dangerous (toolchain code, not
    /// ours): `make release` drops exactly that line. Checked with a stand-in for `swift` that prints it beside
    /// real warnings and fails, so the test takes no release build.
    @Test("make release drops the toolchain's mktemp warning, keeps every other line and the exit status")
    func mktempWarningFiltered() throws {
        guard (try? runSubprocess("make", ["--version"], timeout: 10))?.status == 0 else {
            print("SKIPPED make release output: no `make` on PATH")
            return
        }
        let dir = try makeTemporaryDirectory("sockshell-make")
        defer { removeTree(dir) }
        let fake = dir + "/swift"
        try writeTextFile(fake, """
            #!/bin/sh
            echo "Building for production..."
            echo "/opt/swift/usr/lib/swift_static/linux/libFoundationEssentials.a(Data+Writing.swift.o):\
            _ThreadLocal.swift.o:function f: warning: the use of \\`mktemp' is dangerous, better use \\`mkstemp'" >&2
            echo "/work/x.swift:3:5: warning: variable 'x' was never used" >&2
            echo "other.o: warning: the use of \\`mktemp' is dangerous, better use \\`mkstemp'" >&2
            exit 3

            """)
        chmod(fake, 0o755)
        let r = try runSubprocess("make", ["-s", "-C", Examples.packageRoot, "release", "SWIFT=\(fake)"], timeout: 60)
        #expect(r.status != 0, "the failure of the build must pass through: \(r.summary)")
        let out = r.stdout + r.stderr
        #expect(!out.contains("Data+Writing.swift.o"), "\(r.summary)")
        #expect(out.contains("Building for production..."), "\(r.summary)")
        #expect(out.contains("variable 'x' was never used"), "\(r.summary)")
        #expect(out.contains("other.o: warning: the use of `mktemp'"), "\(r.summary)")
        #expect(out.contains("Error 3"), "\(r.summary)")
    }
}
