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
