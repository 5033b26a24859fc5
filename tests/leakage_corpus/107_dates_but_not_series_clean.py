# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

customers = pd.read_csv("customers.csv", parse_dates=["signup_date"])
customers["tenure_days"] = (pd.Timestamp("2024-01-01") - customers["signup_date"]).dt.days
X = customers[["tenure_days", "monthly_spend", "support_calls"]]
y = customers["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
