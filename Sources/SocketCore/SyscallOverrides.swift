import Glibc
import Synchronization

/// Test-only outcomes forced on the next calls of a name, for the calling thread only (`Sys` consults them).
///
/// Why per thread: Swift Testing runs tests in parallel threads of one process, and a forced EINTR must reach the
/// test's own session, never a neighbour's. Why a flag in front: until a test first forces something, the seam
/// costs one relaxed atomic load per call and never looks for the table.
public enum SyscallOverrides {
    /// What a forced call returns instead of calling the kernel.
    public enum Outcome: Sendable, Equatable {
        /// -1 with this errno (EINTR, EMFILE, ETIMEDOUT, ...); errno is set too.
        case fail(Int32)
        /// This return value without making the call: 0 for an EOF, a count for a short send or recv.
        case returns(Int)
        /// The real call, made as usual: lets a test pass the first calls of a name and force a later one.
        case passThrough
    }

    /// True once any thread has forced an outcome (it stays true: then the seam looks at its thread's table).
    static let engagedFlag = Atomic<Bool>(false)

    @inline(__always)
    static var engaged: Bool { engagedFlag.load(ordering: .relaxed) }

    /// The calling thread's table: forced outcomes by call name, in order.
    final class Table {
        var queued: [SyscallName: [Outcome]] = [:]
    }

    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { p in if let p { Unmanaged<Table>.fromOpaque(p).release() } }
        return k
    }()

    static var table: Table {
        if let p = pthread_getspecific(key) { return Unmanaged<Table>.fromOpaque(p).takeUnretainedValue() }
        let t = Table()
        pthread_setspecific(key, Unmanaged.passRetained(t).toOpaque())
        return t
    }

    /// Forces `outcome` on the next `times` calls of `name` made by this thread.
    public static func force(_ name: SyscallName, _ outcome: Outcome, times: Int = 1) {
        engagedFlag.store(true, ordering: .relaxed)
        table.queued[name, default: []].append(contentsOf: repeatElement(outcome, count: times))
    }

    /// Drops what this thread forced and has not been used yet.
    public static func reset() {
        guard engaged else { return }
        table.queued.removeAll()
    }

    /// Runs `body` with outcomes forced for this thread, then forgets whatever of them was not used.
    public static func with<R>(_ forced: [(SyscallName, Outcome)], _ body: () throws -> R) rethrows -> R {
        for (name, outcome) in forced { force(name, outcome) }
        defer { reset() }
        return try body()
    }

    /// How many outcomes this thread forced on `name` that no call has used yet.
    public static func pending(_ name: SyscallName) -> Int {
        guard engaged else { return 0 }
        return table.queued[name]?.count ?? 0
    }

    /// The forced result of this call, if any.
    static func take(_ name: SyscallName) -> SysResult? {
        let t = table
        guard var queue = t.queued[name], !queue.isEmpty else { return nil }
        let first = queue.removeFirst()
        t.queued[name] = queue.isEmpty ? nil : queue
        switch first {
        case .fail(let e):
            errno = e
            return SysResult(value: -1, error: Errno(e))
        case .returns(let n):
            return SysResult.ok(n)
        case .passThrough:
            return nil
        }
    }
}
