import type { ButtonHTMLAttributes } from "react";

type TVariant = "primary" | "secondary" | "danger";

const variants: Record<TVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
};

export const buttonClass = (variant: TVariant = "primary") =>
  `inline-flex shrink-0 items-center justify-center whitespace-nowrap rounded-md px-4 py-2 text-sm font-medium shadow-sm transition-colors disabled:cursor-not-allowed ${variants[variant]}`;

export const Button = ({ variant = "primary", className = "", type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TVariant }) => (
  <button type={type} className={`${buttonClass(variant)} ${className}`} {...props} />
);
