import SocketCore

/// One system call as the kernel saw it: the typed call, and the handle a new descriptor got.
///
/// Why nothing else: the strace text, the JSON and the C program are views of the call, made by the renderers
/// from its typed arguments and result (Render/CallText.swift). Text made here would have to be parsed back
/// (JSON's `ret`), could not become C, and invited fast paths beside the renderer for the commonest calls.
public struct SyscallRecord: Sendable, Equatable {
    /// The handle a new descriptor got (`s1 = socket(...)`), if any.
    public var handle: String? {
        get { handleName.isEmpty ? nil : handleName }
        set { handleName = newValue ?? "" }
    }
    /// The handle, empty for none (no handle is empty). Why not stored as `String?`: a record is copied and freed
    /// on every line, and an optional string was freed through the generic `Optional` witness (some 70
    /// instructions) where a string is one release.
    private var handleName: String
    /// The call as data: syscall, typed arguments, result.
    public var call: TypedCall

    public init(handle: String? = nil, _ call: TypedCall) {
        self.handleName = handle ?? ""
        self.call = call
    }

    /// The call's name (`connect`).
    public var name: String { call.syscall.rawValue }

    /// What it returned.
    public var result: CallResult { call.result }

    /// The errno of a failed call; nil when it succeeded or was cut short by the deadline.
    public var errno: Errno? {
        if case .failed(let e) = call.result { return e }
        return nil
    }
}
