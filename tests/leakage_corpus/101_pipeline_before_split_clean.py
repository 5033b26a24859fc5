# expect: clean
import pandas as pd
from sklearn.pipeline import Pipeline
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split

cars = pd.read_csv("cars.csv")
X, y = cars.drop(columns="price"), cars["price"]
prep = ColumnTransformer([("num", StandardScaler(), ["km", "year"]), ("cat", OneHotEncoder(), ["make"])])
model = Pipeline([("prep", prep), ("ridge", Ridge(alpha=1.0))])

X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)
model.fit(X_train, y_train)
print("R2 on test:", model.score(X_test, y_test))
