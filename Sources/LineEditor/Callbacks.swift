import CEditLine

/// The C callbacks libedit calls. They capture nothing: each finds its `EditLineReader`
/// through `EL_CLIENTDATA`, which holds an unretained pointer to it (the reader owns the
/// EditLine, so it outlives every call).
func reader(of editLine: OpaquePointer?) -> EditLineReader? {
    guard let editLine, let data = sockshell_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
}

/// `EL_PROMPT`: the prompt of the current `read(prompt:)`.
let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
    reader(of: editLine)?.promptPointer
}

/// `EL_GETCFN`: one character, 0 at end of input, -1 on error or Ctrl-C.
let readCharacterCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = {
    editLine, character in
    guard let character, let reader = reader(of: editLine) else { return -1 }
    return reader.readCharacter(into: character)
}

/// `EL_ADDFN` "sockshell-complete", bound to Tab.
let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    guard let reader = reader(of: editLine) else { return UInt8(CC_ERROR) }
    return reader.complete()
}
