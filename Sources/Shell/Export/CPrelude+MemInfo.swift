import SocketCore

/// The helper that prints SO_MEMINFO's counters as `getopt SO_MEMINFO` shows them (CPrelude.swift).
///
/// Why a helper: nine named counters in one printf make a line no one reads; a loop over the names reads as
/// what it is, and the names come from the same list the shell prints (MemInfo.names).
extension CPrelude {
    static let memInfoHelpers: [Helper] = [
        Helper(name: "print_meminfo", needs: [], text: """
            /*
             * SO_MEMINFO's counters by name, in the kernel's order (SK_MEMINFO_RMEM_ALLOC ... SK_MEMINFO_DROPS
             * in <linux/sock_diag.h>), as many as the kernel wrote, then the length it wrote.
             */
            static void print_meminfo(const unsigned int *val, socklen_t len)
            {
                static const char *names[] = {
            \(nameRows)    };
                putchar('[');
                for (size_t k = 0; k < sizeof names / sizeof names[0] && (k + 1) * sizeof *val <= len; k++)
                    printf("%s%s=%u", k == 0 ? "" : ", ", names[k], val[k]);
                printf("], [%u])", (unsigned)len);
            }
            """),
    ]

    /// The counters' names as rows of a C array initializer, four a row.
    static var nameRows: String {
        var rows = ""
        var k = 0
        while k < MemInfo.names.count {
            let row = MemInfo.names[k..<min(k + 4, MemInfo.names.count)].map { "\"\($0)\"," }
            rows += "        " + row.joined(separator: " ") + "\n"
            k += 4
        }
        return rows
    }
}
