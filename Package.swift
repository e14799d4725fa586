// swift-tools-version:6.0
import PackageDescription

/// Release builds check exclusive access statically only: the dynamic check (a thread-local access set touched on
/// every access to a class's stored property) was 5% of a long script's time. Debug and test builds keep it,
/// so a violation still fails the tests.
let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "sockshell",
    products: [
        .executable(name: "sockshell", targets: ["sockshell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Tiny C target for what Glibc does not import (SIOCINQ, SIGINT flag, unshare, ...).
        .target(name: "CSocketShims"),
        // libedit through Debian's libedit-dev.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // libpcap through Debian's libpcap-dev: the wire view's capture, filters and savefiles (SPEC §8). Only its
        // headers at build time (<pcap/pcap.h>, in the default include path): the library is loaded on the first
        // `wire on` (Sources/CPcap/shim.h). No pkgConfig here on purpose: its `-lpcap` would link libpcap and the
        // dozen libraries it needs (libdbus, libsystemd, libgcrypt, ...) into every start, about 0.9 ms.
        .systemLibrary(
            name: "CPcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        // POSIX socket core: knows nothing of the shell.
        .target(name: "SocketCore", dependencies: ["CSocketShims"], swiftSettings: releaseSpeed),
        // Command layer: line -> command -> events; renderers.
        // NotesPlugin compiles notes/ (study notes, help) into it at build time (the generated NotesData.swift).
        .target(name: "Shell", dependencies: ["SocketCore", "CSocketShims", "CPcap"], swiftSettings: releaseSpeed,
                plugins: ["NotesPlugin"]),
        // Runs notes-gen on notes/**.md before Shell compiles, and again whenever a note changes.
        .plugin(name: "NotesPlugin", capability: .buildTool(), dependencies: ["notes-gen"]),
        // Transcript format, wildcards, replay checker, diff.
        .target(name: "Transcript", swiftSettings: releaseSpeed),
        // Reader of the notes/ text files and writer of the Swift generated from them (NotesData.swift) and of the
        // man page's option list; used by the notes-gen tool and the tests, never linked into sockshell.
        .target(name: "NotesGen"),
        .executableTarget(name: "notes-gen", dependencies: ["NotesGen"]),
        // Line readers: libedit on a terminal, plain reader on pipes.
        .target(name: "LineEditor", dependencies: ["CEditLine", "CSocketShims"], swiftSettings: releaseSpeed),
        .executableTarget(
            name: "sockshell",
            dependencies: [
                "Shell", "Transcript", "LineEditor", "SocketCore", "CSocketShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSpeed,
            // Release builds link the Swift runtime statically, as `swift build --static-swift-stdlib` does:
            // start-up drops from about 5.5 ms to 3.5 ms (no loading and relocating of libswiftCore and of the
            // FoundationEssentials that ArgumentParser brings; the last three libraries are what it needs when
            // static). Debug and test builds are unchanged.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "-l_FoundationCShims", "-Xlinker",
                                           "-lswiftSynchronization", "-Xlinker", "-l_FoundationCollections"],
                                          .when(configuration: .release))]
        ),
        // libFuzzer targets (fuzz/run builds them with -sanitize=fuzzer and -DSOCKSHELL_FUZZ; a plain build
        // gives replayers that run the inputs named on the command line once).
        .executableTarget(name: "FuzzTokenizer", dependencies: ["Shell", "SocketCore"], path: "fuzz/FuzzTokenizer"),
        .executableTarget(name: "FuzzSession", dependencies: ["Shell", "SocketCore", "CSocketShims"],
                          path: "fuzz/FuzzSession"),
        .testTarget(name: "SocketCoreTests", dependencies: ["SocketCore"]),
        // Test-only helpers shared by the test targets (the malformed-input corpus).
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "SocketCore", "Transcript", "TestSupport"]),
        .testTarget(name: "TranscriptTests", dependencies: ["Transcript"]),
        .testTarget(name: "NotesTests", dependencies: ["NotesGen", "Shell", "SocketCore"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor", "CEditLine"]),
        .testTarget(name: "IntegrationTests", dependencies: ["CSocketShims", "TestSupport", "Transcript"]),
    ]
)
