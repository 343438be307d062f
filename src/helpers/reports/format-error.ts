// The one error type for report input that cannot be read as what it claims to be (the helpers turn it into exit 1).
export class ReportFormatError extends Error {}
