extension Session {
    func cmdRecvmsg(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {}
    func cmdSendmsg(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {}
    func cmdSelect(_ a: inout Args, only: SocketEntry?, into ev: inout [Event]) throws(InputError) {}
    func cmdAtmark(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {}
}
