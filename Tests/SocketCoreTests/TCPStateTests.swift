import Glibc
import SocketCore
import Testing

@Suite("TCPState: the kernel's numbering and names")
struct TCPStateTests {
    @Test("the numbers are glibc's <netinet/tcp.h> TCP_ESTABLISHED ... TCP_CLOSING")
    func numbersFromTheHeader() {
        let header: [(TCPState, Int)] = [
            (.established, Int(TCP_ESTABLISHED)), (.synSent, Int(TCP_SYN_SENT)), (.synRecv, Int(TCP_SYN_RECV)),
            (.finWait1, Int(TCP_FIN_WAIT1)), (.finWait2, Int(TCP_FIN_WAIT2)), (.timeWait, Int(TCP_TIME_WAIT)),
            (.close, Int(TCP_CLOSE)), (.closeWait, Int(TCP_CLOSE_WAIT)), (.lastAck, Int(TCP_LAST_ACK)),
            (.listen, Int(TCP_LISTEN)), (.closing, Int(TCP_CLOSING)),
        ]
        for (state, number) in header { #expect(state.rawValue == number, "\(state.name)") }
        #expect(TCPState.newSynRecv.rawValue == Int(TCP_CLOSING) + 1)
        #expect(TCPState.allCases.count == header.count + 1)
    }

    @Test func namesAndUnknownNumbers() {
        #expect(TCPState.allCases.map(\.name) == [
            "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT",
            "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
        ])
        #expect(TCPInfo.stateName(0) == "?" && TCPInfo.stateName(13) == "13")
        #expect(TCPInfo(bytes: [8]).tcpState == .closeWait && TCPInfo(bytes: []).tcpState == nil)
    }

    @Test func peerFinReceived() {
        #expect(TCPState.allCases.filter(\.peerFinReceived) == [.timeWait, .closeWait, .lastAck, .closing])
    }
}
