package inprocess

import (
	"errors"
	"strings"

	"google.golang.org/grpc/status"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

// grpcErrorLead is how a gRPC status error starts when it has been flattened
// into a plain message.
const grpcErrorLead = "rpc error: code = "

// pluginError returns the plugin's own error for err: its message without
// the gRPC status wrapping the SDK sometimes puts around it, and its kind,
// which the plugin marks in the message (errkind.Marked) since the SDK may
// keep only the text.
func pluginError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if st, ok := status.FromError(err); ok {
		msg = st.Message()
	}
	if strings.HasPrefix(msg, grpcErrorLead) {
		if _, desc, found := strings.Cut(msg, " desc = "); found {
			msg = desc
		}
	}
	if msg == err.Error() {
		return errkind.FromText(err)
	}
	return errkind.FromText(errors.New(msg))
}
